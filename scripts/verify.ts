// npm run -s verify -- --activity <id>
// Recomputes every draw of the activity from its records and revealed seeds (docs/fairness.md).
// Stdout: one line per mismatch (`mismatch <drawId>: <why>`), then `verified N, mismatches M`.
// Exit 1 when anything mismatches; draws made before the activity had a seed are counted on stderr.
import { parseArgs } from 'node:util';
import { canonicalId } from '../lib/ids';
import { verifyActivity } from '../lib/activities/verify-activity-fairness';
import { runCli } from './cli';

runCli(async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { activity: { type: 'string' } },
    strict: true,
  });
  const activityId = canonicalId(values.activity);
  if (!activityId) throw new Error('usage: npm run -s verify -- --activity <activity id>');
  const report = await verifyActivity(activityId);
  for (const m of report.mismatches) process.stdout.write(`mismatch ${m.drawId}: ${m.reason}\n`);
  process.stdout.write(`verified ${report.verified}, mismatches ${report.mismatches.length}\n`);
  if (report.notProvable)
    process.stderr.write(`${report.notProvable} draws were made before the activity had a seed\n`);
  if (report.mismatches.length) throw new Error('the draws listed above do not match their proofs');
});
