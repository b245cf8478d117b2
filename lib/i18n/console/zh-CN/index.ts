import type { Catalog } from '../translator';
import { activities } from './activities';
import { operations } from './operations';
import { settings } from './settings';
import { shell } from './shell';

export const zhCN: Catalog = { ...shell, ...activities, ...operations, ...settings };
