import type { Rule } from './types';
import { headingSequence } from './headingSequence';
import { headingStyle } from './headingStyle';
import { headingHierarchy } from './headingHierarchy';
import { duplicateParagraph } from './duplicateParagraph';
import { duplicatePassage } from './duplicatePassage';
import { repeatedWord } from './repeatedWord';
import { brokenParagraph } from './brokenParagraph';
import { strayText } from './strayText';
import { punctuationWidth } from './punctuationWidth';
import { numeralStyle } from './numeralStyle';
import { strayLatin } from './strayLatin';
import { figureConflict } from './figureConflict';
import { figurePartWhole } from './figurePartWhole';
import { figureSum } from './figureSum';
import { figureRate } from './figureRate';
import { countMismatch } from './countMismatch';
import { dateArithmetic } from './dateArithmetic';

/** The rules in the order they run and report. One file per rule id of the lint contract. */
export const RULES: readonly Rule[] = [
  headingSequence,
  headingStyle,
  headingHierarchy,
  duplicateParagraph,
  duplicatePassage,
  repeatedWord,
  figureConflict,
  figurePartWhole,
  figureSum,
  figureRate,
  countMismatch,
  dateArithmetic,
  brokenParagraph,
  strayText,
  punctuationWidth,
  numeralStyle,
  strayLatin,
];

export type { Rule, RuleMeta, RuleContext } from './types';
