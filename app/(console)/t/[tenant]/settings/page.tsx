import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { roleAtLeast, type Role } from '@/lib/auth/console-guard';
import { listApiKeys } from '@/lib/auth/api-keys';
import { getRequireOwnerTwoFactor } from '@/lib/auth/require-owner-two-factor';
import { hasTwoFactor } from '@/lib/auth/verify-second-factor';
import { OwnerTwoFactorSetting } from '@/components/console/account/owner-two-factor-setting';
import { operatorRef } from '@/lib/audit/operator-privacy';
import { getTenantSecretFingerprints } from '@/lib/auth/rotate-tenant-secret';
import { getHostAppOrigins } from '@/lib/tenancy/get-host-app-origins';
import { listMembers, listPendingInvitations } from '@/lib/tenancy/list-members';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { toApiKeyRow } from '@/components/console/api-keys/api-key-row';
import { CreateApiKeyForm } from '@/components/console/api-keys/create-api-key-form';
import { RevokeApiKeyButton } from '@/components/console/api-keys/revoke-api-key-button';
import { HostAppOriginsPanel } from '@/components/console/settings/host-app-origins-panel';
import { WebhooksPanel } from '@/components/console/settings/webhooks-panel';
import { listWebhookDeliveries } from '@/lib/webhooks/manage-deliveries';
import { listWebhookEndpoints } from '@/lib/webhooks/manage-endpoints';
import { webhookEventTypes } from '@/lib/webhooks/event-types';
import { MembersPanel } from '@/components/console/settings/members-panel';
import { TenantSecretsPanel } from '@/components/console/settings/tenant-secrets-panel';
import { TimezoneForm } from '@/components/console/settings/timezone-form';
import { KeyIcon, LockIcon } from '@/components/console/icons';
import { ApprovalsPanel } from '@/components/console/settings/approvals-panel';
import { getApprovalPolicy } from '@/lib/activities/approval-policy';
import { getConsoleT } from '@/components/console/i18n-server';
import { PageHeader } from '@/components/console/page-header';
import { richText } from '@/components/console/rich-text';
import { msg } from '@/lib/i18n/console/translator';
import { RoleBadge } from '@/components/console/role-badge';
import { roleLabel } from '@/components/console/role-labels';
import { Timestamp } from '@/components/console/timestamp';
import { requireConsolePage } from '../../../_server/session';
import {
  changeMemberRoleAction,
  createApiKeyAction,
  createWebhookEndpointAction,
  inviteMemberAction,
  issuePasswordResetAction,
  removeMemberAction,
  resendWebhookDeliveryAction,
  revokeApiKeyAction,
  revokeInvitationAction,
  rotateSecretAction,
  setRequireOwnerTwoFactorAction,
  setWebhookEndpointEnabledAction,
  updateHostAppOriginsAction,
  updateTimezoneAction,
} from './actions';
import { setApprovalPolicyAction } from './approvals-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Settings') };
}

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  const canManageKeys = roleAtLeast(ctx.role, 'OWNER');
  const [
    apiKeys,
    members,
    invitations,
    fingerprints,
    hostAppOrigins,
    endpoints,
    approvalPolicy,
    ownerTwoFactor,
    youHaveTwoFactor,
  ] = await Promise.all([
    listApiKeys(ctx.tenantId),
    listMembers(ctx.tenantId, ctx),
    listPendingInvitations(ctx.tenantId),
    getTenantSecretFingerprints(ctx.tenantId),
    getHostAppOrigins(ctx.tenantId),
    listWebhookEndpoints(ctx.tenantId),
    getApprovalPolicy(ctx.tenantId),
    getRequireOwnerTwoFactor(ctx.tenantId),
    hasTwoFactor(ctx.operatorId),
  ]);
  // The last deliveries of each endpoint: the log's first page, as GET .../deliveries answers it.
  const webhooks = await Promise.all(
    endpoints.map(async (e) => ({
      ...e,
      deliveries: (await listWebhookDeliveries(ctx.tenantId, e.id, { limit: 10 })).items,
    })),
  );
  const keys = apiKeys.map(toApiKeyRow);
  const slug = ctx.tenantSlug;

  return (
    <div className="space-y-8">
      <PageHeader
        title={t('Settings')}
        description={t('Configuration of {tenant} and how other systems connect to it.', { tenant: ctx.tenantName })}
      />

      <SettingsSection
        headingId="tenant-heading"
        title={t('Tenant')}
        description={t('Identifies this tenant in URLs and in the API.')}
      >
        <dl className="grid grid-cols-4 divide-x divide-zinc-200 rounded-lg border border-zinc-200 bg-white">
          <Field label={t('Name')}>{ctx.tenantName}</Field>
          <Field label={t('Slug')}>
            <span className="font-mono">{ctx.tenantSlug}</span>
          </Field>
          <Field label={t('Your role')}>
            <RoleBadge role={ctx.role} />
          </Field>
          <Field label={t('Console time zone')}>
            <TimezoneForm
              timezone={ctx.tenantTimezone}
              update={canManageKeys ? updateTimezoneAction.bind(null, slug) : null}
            />
          </Field>
        </dl>
      </SettingsSection>

      <SettingsSection
        id="members"
        title={t('Members')}
        description={t(
          "People who can sign in to this tenant's console. Owners manage members, keys and secrets; operators make changes; analysts read.",
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? null : (
            <OwnersOnly
              role={ctx.role}
              tenantName={ctx.tenantName}
              what={msg('invite, change or remove members')}
              testId="members-read-only"
            />
          )}
          <MembersPanel
            members={members}
            invitations={canManageKeys ? invitations : []}
            currentOperatorId={operatorRef(ctx, ctx.operatorId)}
            canManage={canManageKeys}
            actions={
              canManageKeys
                ? {
                    invite: inviteMemberAction.bind(null, slug),
                    revokeInvitation: revokeInvitationAction.bind(null, slug),
                    changeRole: changeMemberRoleAction.bind(null, slug),
                    remove: removeMemberAction.bind(null, slug),
                    sendPasswordReset: issuePasswordResetAction.bind(null, slug),
                  }
                : null
            }
          />
          <OwnerTwoFactorSetting
            required={ownerTwoFactor}
            youHaveTwoFactor={youHaveTwoFactor}
            update={canManageKeys ? setRequireOwnerTwoFactorAction.bind(null, slug) : null}
          />
        </div>
      </SettingsSection>

      <SettingsSection
        id="approvals"
        title={t('Approvals')}
        description={t(
          'Changes to live activities that touch a checked scope wait for this many approvals from operators other than the one who proposed them.',
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? null : (
            <OwnersOnly
              role={ctx.role}
              tenantName={ctx.tenantName}
              what={msg('change the approval policy')}
              testId="approvals-read-only"
            />
          )}
          <ApprovalsPanel
            tenantSlug={slug}
            policy={approvalPolicy}
            save={canManageKeys ? setApprovalPolicyAction.bind(null, slug) : null}
          />
        </div>
      </SettingsSection>

      <SettingsSection
        id="secrets"
        title={t('Secrets')}
        description={t(
          'Shared with the host app: it signs end-user tokens and behaviour events with these. Rotate one if it may have leaked; the new secret is shown once.',
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? null : (
            <OwnersOnly
              role={ctx.role}
              tenantName={ctx.tenantName}
              what={msg('rotate secrets')}
              testId="secrets-read-only"
            />
          )}
          <TenantSecretsPanel
            fingerprints={fingerprints}
            rotate={canManageKeys ? rotateSecretAction.bind(null, slug) : null}
          />
        </div>
      </SettingsSection>

      <SettingsSection
        id="host-app"
        title={t('Host app')}
        description={t(
          "The host app's pages that embed the H5 play page: only they may frame it and post it a user token.",
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? null : (
            <OwnersOnly
              role={ctx.role}
              tenantName={ctx.tenantName}
              what={msg("change the host app's origins")}
              testId="host-app-read-only"
            />
          )}
          <HostAppOriginsPanel
            origins={hostAppOrigins}
            save={canManageKeys ? updateHostAppOriginsAction.bind(null, slug) : null}
          />
        </div>
      </SettingsSection>

      <SettingsSection
        id="webhooks"
        title={t('Webhooks')}
        description={t(
          'Where the host app hears of wins, claims, shipments, voids, activities starting and ending, and alerts: each event is POSTed signed, retried for 24 hours, and logged here.',
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? null : (
            <OwnersOnly
              role={ctx.role}
              tenantName={ctx.tenantName}
              what={msg('add, disable or resend webhooks')}
              testId="webhooks-read-only"
            />
          )}
          <WebhooksPanel
            endpoints={webhooks}
            eventTypes={webhookEventTypes}
            actions={
              canManageKeys
                ? {
                    create: createWebhookEndpointAction.bind(null, slug),
                    setEnabled: setWebhookEndpointEnabledAction.bind(null, slug),
                    resend: resendWebhookDeliveryAction.bind(null, slug),
                  }
                : null
            }
          />
        </div>
      </SettingsSection>

      <SettingsSection
        id="api-keys"
        title={t('API keys')}
        description={t(
          'Let other systems automate this tenant through the management API. A key can change anything here: give each system its own and revoke keys you no longer use.',
        )}
      >
        <div className="space-y-4">
          {canManageKeys ? (
            <CreateApiKeyForm createAction={createApiKeyAction.bind(null, ctx.tenantSlug)} />
          ) : (
            <div
              data-testid="api-keys-read-only"
              className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700"
            >
              <LockIcon className="mt-0.5 size-4 shrink-0 text-zinc-500" />
              <p>
                {richText(
                  article(roleLabel(ctx.role)) === 'an'
                    ? t(
                        'Only owners can create or revoke API keys. You are signed in as an {role}; ask an owner of {tenant} if you need a key.',
                      )
                    : t(
                        'Only owners can create or revoke API keys. You are signed in as a {role}; ask an owner of {tenant} if you need a key.',
                      ),
                  {
                    role: <span className="font-medium text-zinc-900">{t(roleLabel(ctx.role))}</span>,
                    tenant: ctx.tenantName,
                  },
                )}
              </p>
            </div>
          )}

          {keys.length === 0 ? (
            <div
              className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center"
              data-testid="api-keys-empty"
            >
              <KeyIcon className="size-5 text-zinc-500" />
              <p className="mt-3 text-sm font-medium text-zinc-900">{t('No API keys yet')}</p>
              <p className="mt-1 max-w-sm text-sm text-zinc-600">
                {canManageKeys
                  ? t(
                      'Create a key above for each system that automates this tenant. It is listed here afterwards, by name and prefix only.',
                    )
                  : t('Keys an owner creates are listed here by name and prefix, with when they were last used.')}
              </p>
            </div>
          ) : (
            <Table label={t('API keys')}>
              <thead>
                <tr>
                  <Th>{t('Name and key')}</Th>
                  <Th>{t('Access')}</Th>
                  <Th>{t('Created and last used')}</Th>
                  <Th>{t('Status')}</Th>
                  {canManageKeys ? (
                    <Th>
                      <span className="sr-only">{t('Actions')}</span>
                    </Th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <Tr key={k.id}>
                    <Td className="max-w-60">
                      <p
                        title={k.name}
                        className={`truncate font-medium ${k.revokedAt ? 'text-zinc-500' : 'text-zinc-900'}`}
                      >
                        {k.name}
                      </p>
                      <code className="font-mono text-xs text-zinc-600">{k.prefix}…</code>
                    </Td>
                    <Td className="max-w-48 text-xs break-words text-zinc-700">
                      {k.scopes.includes('*')
                        ? t('Everything')
                        : k.scopes.join(', ') === 'read'
                          ? t('Read only')
                          : k.scopes.join(', ')}
                    </Td>
                    <Td className="text-xs text-zinc-700">
                      <p>
                        <span className="text-zinc-500">{t('Created')}</span> <Timestamp iso={k.createdAt} />
                      </p>
                      <p>
                        <span className="text-zinc-500">{t('Last used')}</span>{' '}
                        {k.lastUsedAt ? <Timestamp iso={k.lastUsedAt} /> : t('never')}
                      </p>
                    </Td>
                    <Td>
                      {k.revokedAt ? (
                        <Badge tone="neutral">{t('Revoked')}</Badge>
                      ) : (
                        <Badge tone="green">{t('Active')}</Badge>
                      )}
                    </Td>
                    {canManageKeys ? (
                      <Td className="w-px text-right">
                        {k.revokedAt ? null : (
                          <RevokeApiKeyButton
                            name={k.name}
                            prefix={k.prefix}
                            revokeAction={revokeApiKeyAction.bind(null, ctx.tenantSlug, k.id)}
                          />
                        )}
                      </Td>
                    ) : null}
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      </SettingsSection>
    </div>
  );
}

/** Why a section is read-only: `what` (a `msg(...)`) only an owner may do. */
async function OwnersOnly({
  role,
  tenantName,
  what,
  testId,
}: {
  role: Role;
  tenantName: string;
  what: string;
  testId: string;
}) {
  const t = await getConsoleT();
  const parts = {
    role: <span className="font-medium text-zinc-900">{t(roleLabel(role))}</span>,
    what: t(what),
    tenant: tenantName,
  };
  return (
    <div
      data-testid={testId}
      className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700"
    >
      <LockIcon className="mt-0.5 size-4 shrink-0 text-zinc-500" />
      <p>
        {richText(
          article(roleLabel(role)) === 'an'
            ? t('Only owners can {what}. You are signed in as an {role}; ask an owner of {tenant}.')
            : t('Only owners can {what}. You are signed in as a {role}; ask an owner of {tenant}.'),
          parts,
        )}
      </p>
    </div>
  );
}

function SettingsSection({
  id,
  headingId = `${id}-heading`,
  title,
  description,
  children,
}: {
  id?: string;
  headingId?: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="grid gap-4 border-b border-zinc-200 pb-8 last:border-b-0 2xl:grid-cols-[16rem_minmax(0,1fr)] 2xl:gap-10"
    >
      {/* Beside the section on the widest screens; above it on a laptop, whose width its tables need. */}
      <div className="max-w-3xl">
        <h2 id={headingId} className="text-base font-semibold text-zinc-950">
          {title}
        </h2>
        <p className="mt-1 text-sm leading-6 text-zinc-600">{description}</p>
      </div>
      <div className="min-w-0">{children}</div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 px-4 py-3">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-1 truncate text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
