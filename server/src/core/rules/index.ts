import type { Rule } from './types';
import { headingSequence } from './headingSequence';
import { headingStyle } from './headingStyle';
import { headingHierarchy } from './headingHierarchy';
import { duplicateParagraph } from './duplicateParagraph';
import { duplicatePassage } from './duplicatePassage';
import { repeatedWord } from './repeatedWord';

/** The rules in the order they run and report. One file per rule id of the lint contract. */
export const RULES: readonly Rule[] = [headingSequence, headingStyle, headingHierarchy, duplicateParagraph, duplicatePassage, repeatedWord];

export type { Rule, RuleMeta, RuleContext } from './types';
