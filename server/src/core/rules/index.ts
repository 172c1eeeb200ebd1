import type { Rule } from './types';
import { headingSequence } from './headingSequence';
import { headingStyle } from './headingStyle';
import { headingHierarchy } from './headingHierarchy';

/** The rules in the order they run and report. One file per rule id of the lint contract. */
export const RULES: readonly Rule[] = [headingSequence, headingStyle, headingHierarchy];

export type { Rule, RuleMeta } from './types';
