'use server';

// Console server actions on changes: the review of a patch (its diff, computed without saving),
// proposing, approving, rejecting, editing, cancelling and rebasing a change, restoring a version,
// and the simulator on a proposed configuration. Each needs the OPERATOR role, checked here on the
// server, and calls the same lib function as the management API, as the signed-in operator.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ChangeDiff } from '@/lib/activities/change-diff';
import type { ChangeDto } from '@/lib/activities/change-dto';
import {
  CreateChange,
  EditChange,
  RestoreVersion,
  ReviewChange,
  type ChangePatch,
} from '@/lib/activities/change-schemas';
import { editChange } from '@/lib/activities/edit-change';
import { getChange } from '@/lib/activities/list-changes';
import { diffAgainstCurrent, proposeChange } from '@/lib/activities/propose-change';
import { restoreVersion } from '@/lib/activities/restore-version';
import { approveChange, cancelChange, rejectChange } from '@/lib/activities/review-change';
import { SimulationInput } from '@/lib/activities/simulate-activity';
import { idOrNotFound } from '@/lib/ids';
import type { ChangeActionResult } from '@/components/console/changes/change-action-result';
import { changeAction } from './change-action';
import { simulateChange, type ChangeSimulation } from './simulate-change';

const Version = z.number().int().min(1).max(2_147_483_647);

function refresh(tenantSlug: string, activityId?: string) {
  revalidatePath(`/t/${tenantSlug}/changes`);
  if (activityId) revalidatePath(`/t/${tenantSlug}/activities/${activityId}`, 'layout');
}

/** The review screen: what the patch would change (before → after, cost per prize); nothing is saved. */
export async function previewChangeAction(
  tenantSlug: string,
  activityId: string,
  input: unknown,
): Promise<ChangeActionResult<{ baseVersion: number; diff: ChangeDiff }>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const { patch, baseVersion } = CreateChange.parse(input);
    return diffAgainstCurrent(ctx.tenantId, idOrNotFound(activityId, 'activity'), { patch, baseVersion });
  });
}

export async function proposeChangeAction(
  tenantSlug: string,
  activityId: string,
  input: unknown,
): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const id = idOrNotFound(activityId, 'activity');
    const change = await proposeChange(ctx.tenantId, ctx.actor, { activityId: id, input: CreateChange.parse(input) });
    refresh(ctx.tenantSlug, id);
    return change;
  });
}

export async function approveChangeAction(
  tenantSlug: string,
  changeId: string,
): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const change = await approveChange(ctx.tenantId, ctx.actor, idOrNotFound(changeId, 'change'));
    refresh(ctx.tenantSlug, change.activityId);
    return change;
  });
}

export async function rejectChangeAction(
  tenantSlug: string,
  changeId: string,
  input: unknown,
): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const { reason } = ReviewChange.parse(input);
    const change = await rejectChange(ctx.tenantId, ctx.actor, { changeId: idOrNotFound(changeId, 'change'), reason });
    refresh(ctx.tenantSlug, change.activityId);
    return change;
  });
}

export async function cancelChangeAction(tenantSlug: string, changeId: string): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const change = await cancelChange(ctx.tenantId, ctx.actor, idOrNotFound(changeId, 'change'));
    refresh(ctx.tenantSlug, change.activityId);
    return change;
  });
}

export async function editChangeAction(
  tenantSlug: string,
  changeId: string,
  input: unknown,
): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const edit = EditChange.parse(input);
    const change = await editChange(ctx.tenantId, ctx.actor, { changeId: idOrNotFound(changeId, 'change'), edit });
    refresh(ctx.tenantSlug, change.activityId);
    return change;
  });
}

/**
 * A change that met another version (CONFLICT) proposed again, the same patch, reason and time,
 * on the version in force now.
 */
export async function rebaseChangeAction(tenantSlug: string, changeId: string): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const old = await getChange(ctx.tenantId, idOrNotFound(changeId, 'change'));
    const applyAt = old.applyAt && Date.parse(old.applyAt) > Date.now() ? old.applyAt : undefined;
    const input = CreateChange.parse({
      patch: old.patch,
      ...(applyAt ? { applyAt } : {}),
      ...(old.reason ? { reason: old.reason } : {}),
    });
    const change = await proposeChange(ctx.tenantId, ctx.actor, { activityId: old.activityId, input });
    refresh(ctx.tenantSlug, change.activityId);
    return change;
  });
}

export async function restoreVersionAction(
  tenantSlug: string,
  activityId: string,
  version: unknown,
  input: unknown,
): Promise<ChangeActionResult<ChangeDto>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const id = idOrNotFound(activityId, 'activity');
    const change = await restoreVersion(ctx.tenantId, ctx.actor, {
      activityId: id,
      versionText: String(Version.parse(version)),
      input: RestoreVersion.parse(input),
    });
    refresh(ctx.tenantSlug, id);
    return change;
  });
}

/**
 * The simulator on the proposed configuration and on the one in force, side by side: a stored
 * change's patch (`{ changeId }`) or one being reviewed (`{ activityId, patch }`).
 */
export async function simulateChangeAction(
  tenantSlug: string,
  target: { changeId: string } | { activityId: string; patch: unknown },
  simulation: unknown,
): Promise<ChangeActionResult<ChangeSimulation>> {
  return changeAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const input = SimulationInput.parse(simulation);
    if ('changeId' in target) {
      const change = await getChange(ctx.tenantId, idOrNotFound(target.changeId, 'change'));
      return simulateChange(ctx.tenantId, { activityId: change.activityId, patch: change.patch as ChangePatch, input });
    }
    const { patch } = CreateChange.parse({ patch: target.patch });
    return simulateChange(ctx.tenantId, { activityId: idOrNotFound(target.activityId, 'activity'), patch, input });
  });
}
