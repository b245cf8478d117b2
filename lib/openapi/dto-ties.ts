// The type checker holds every answer the API builds to the response schema the OpenAPI document
// is generated from: each builder's result must be assignable to its schema's output type and have
// no top-level field the schema lacks. A field added to an answer without its schema fails
// `tsc`; a value that does not match at run time fails the contract test
// (tests/integration/openapi-contract.test.ts).
import type { z } from 'zod';
import type { CodesAdded, PrizePage, PrizeResponse } from '../prizes/prize-responses';
import type {
  ActivityResponse,
  ActivityStatsResponse,
  ApprovalPolicyResponse,
  ChangeResponse,
  ConfigVersionDetail,
  ConfigVersionResponse,
  PoolResponse,
  PublicActivityResponse,
} from '../activities/activity-responses';
import type {
  ClaimResponse,
  UserWinResponse,
  WinActionResponse,
  WinnersPage,
} from '../fulfilment/fulfilment-responses';
import type { DrawResponse } from '../draw/draw-responses';
import type { DrawProofResponse, FairnessResponse, MyDrawsPage } from '../fairness/fairness-responses';
import type { listMyDraws } from '../fairness/list-my-draws';
import type { TaskCompletedResponse } from '../tasks/task-responses';
import type { MyStateResponse } from '../chances/my-state-responses';
import type { EventsResponse } from '../events/event-responses';
import type { RiskEventPage, RiskListResult, RiskRuleResponse } from '../risk/risk-responses';
import type { AuditPage } from '../audit/audit-responses';
import type {
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecret,
} from '../webhooks/webhook-responses';
import type { HealthResponse } from '../health/health-responses';
import type { PrizeDto } from '../prizes/prize-dto';
import type { listPrizes } from '../prizes/get-prize';
import type { addPrizeCodes } from '../prizes/add-prize-codes';
import type { toActivityDto } from '../activities/activity-dto';
import type { getPublicActivity } from '../activities/get-public-activity';
import type { ActivityStats } from '../activities/get-activity-stats';
import type { PoolDto } from '../inventory/change-pool-stock';
import type { getConfigVersion, listConfigVersions } from '../activities/config-versions';
import type { ChangeDto } from '../activities/change-dto';
import type { ApprovalPolicy } from '../activities/approval-policy';
import type { patchTierOrPropose } from '../activities/patch-tier-or-propose';
import type { UserWinDto } from '../fulfilment/list-user-wins';
import type { claimWin } from '../fulfilment/claim-win';
import type { listWinners } from '../fulfilment/list-winners';
import type { shipWin } from '../fulfilment/ship-win';
import type { voidWinByOperator } from '../fulfilment/void-win-by-operator';
import type { approveHeldWin, rejectHeldWin } from '../fulfilment/review-held-win';
import type { DrawBody } from '../draw/draw-record';
import type { FairnessDto } from '../fairness/get-activity-fairness';
import type { DrawProof } from '../fairness/get-draw-proof';
import type { completeTask } from '../tasks/complete-task';
import type { getMyState } from '../chances/get-my-state';
import type { ingestEvents } from '../events/ingest-events';
import type { changeRiskList, RiskRuleDto } from '../risk/manage-risk';
import type { listRiskEvents } from '../risk/list-risk-events';
import type { listAuditPage } from '../audit/list-audit-logs';
import type { createWebhookEndpoint, WebhookEndpointDto } from '../webhooks/manage-endpoints';
import type { listWebhookDeliveries, WebhookDeliveryDto } from '../webhooks/manage-deliveries';
import type { Health } from '../health/check-health';

type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** `true` when Dto fits the schema and has no top-level field the schema lacks. */
type Fits<Dto, S extends z.ZodType> = [Dto] extends [z.output<S>]
  ? [Exclude<keyof Dto, keyof z.output<S>>] extends [never]
    ? true
    : { extraFields: Exclude<keyof Dto, keyof z.output<S>> }
  : { doesNotFit: S };
type Holds<T extends true> = T;

export type DtoTies = [
  Holds<Fits<PrizeDto, typeof PrizeResponse>>,
  Holds<Fits<Out<typeof listPrizes>, typeof PrizePage>>,
  Holds<Fits<Out<typeof addPrizeCodes>, typeof CodesAdded>>,
  Holds<Fits<ReturnType<typeof toActivityDto>, typeof ActivityResponse>>,
  Holds<Fits<Out<typeof getPublicActivity>, typeof PublicActivityResponse>>,
  Holds<Fits<ActivityStats, typeof ActivityStatsResponse>>,
  Holds<Fits<PoolDto, typeof PoolResponse>>,
  Holds<Fits<Out<typeof listConfigVersions>[number], typeof ConfigVersionResponse>>,
  Holds<Fits<Out<typeof getConfigVersion>, typeof ConfigVersionDetail>>,
  Holds<Fits<ChangeDto, typeof ChangeResponse>>,
  Holds<Fits<ApprovalPolicy, typeof ApprovalPolicyResponse>>,
  Holds<Fits<Extract<Out<typeof patchTierOrPropose>, { status: 202 }>['body'], typeof ChangeResponse>>,
  Holds<Fits<UserWinDto, typeof UserWinResponse>>,
  Holds<Fits<Out<typeof claimWin>, typeof ClaimResponse>>,
  Holds<Fits<Out<typeof listWinners>, typeof WinnersPage>>,
  Holds<Fits<Out<typeof shipWin>, typeof WinActionResponse>>,
  Holds<Fits<Out<typeof voidWinByOperator>, typeof WinActionResponse>>,
  Holds<Fits<Out<typeof approveHeldWin>, typeof WinActionResponse>>,
  Holds<Fits<Out<typeof rejectHeldWin>, typeof WinActionResponse>>,
  Holds<Fits<DrawBody, typeof DrawResponse>>,
  Holds<Fits<FairnessDto, typeof FairnessResponse>>,
  Holds<Fits<DrawProof, typeof DrawProofResponse>>,
  Holds<Fits<Out<typeof listMyDraws>, typeof MyDrawsPage>>,
  Holds<Fits<Out<typeof completeTask>, typeof TaskCompletedResponse>>,
  Holds<Fits<Out<typeof getMyState>, typeof MyStateResponse>>,
  Holds<Fits<Out<typeof ingestEvents>, typeof EventsResponse>>,
  Holds<Fits<RiskRuleDto, typeof RiskRuleResponse>>,
  Holds<Fits<Out<typeof changeRiskList>, typeof RiskListResult>>,
  Holds<Fits<Out<typeof listRiskEvents>, typeof RiskEventPage>>,
  Holds<Fits<Out<typeof listAuditPage>, typeof AuditPage>>,
  Holds<Fits<WebhookEndpointDto, typeof WebhookEndpointResponse>>,
  Holds<Fits<Out<typeof createWebhookEndpoint>, typeof WebhookEndpointWithSecret>>,
  Holds<Fits<WebhookDeliveryDto, typeof WebhookDeliveryResponse>>,
  Holds<Fits<Out<typeof listWebhookDeliveries>, typeof WebhookDeliveryPage>>,
  Holds<Fits<Health, typeof HealthResponse>>,
];
