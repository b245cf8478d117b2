'use client';

// Members of the tenant: invite by email (a one-time set-password link, shown once), change a
// role, remove a member, revoke a pending invitation, mail a member a password reset link (to
// their own address, never shown here). Owners only; the server enforces it and also refuses to
// leave the tenant without an owner.
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { Role } from '@/lib/auth/console-guard';
import type { MemberDto, PendingInvitationDto } from '@/lib/tenancy/list-members';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { richText } from '../rich-text';
import { RoleBadge } from '../role-badge';
import { roleLabel } from '../role-labels';
import { msg } from '@/lib/i18n/console/translator';
import { Timestamp } from '../timestamp';
import { ConfirmButton } from './confirm-button';
import { OneTimeReveal } from './one-time-reveal';

/** An example, written the same in every language. */
const EXAMPLE_EMAIL = 'colleague@company.com';

const roles: Role[] = ['OWNER', 'OPERATOR', 'ANALYST'];
const roleHelp: Record<Role, string> = {
  OWNER: msg('everything, plus members, API keys and secrets'),
  OPERATOR: msg('changes activities, prizes, stock and winners'),
  ANALYST: msg('reads everything, changes nothing'),
};

export type MemberActions = {
  invite: (email: string, role: string) => Promise<ActionResult<{ link: string; invitation: PendingInvitationDto }>>;
  revokeInvitation: (invitationId: string) => Promise<ActionResult<{ id: string }>>;
  changeRole: (operatorId: string, role: string) => Promise<ActionResult<{ operatorId: string; role: Role }>>;
  remove: (operatorId: string) => Promise<ActionResult<{ operatorId: string }>>;
  sendPasswordReset: (operatorId: string) => Promise<ActionResult<{ email: string; expiresAt: string }>>;
};

export function MembersPanel({
  members,
  invitations,
  currentOperatorId,
  canManage,
  actions,
}: {
  members: MemberDto[];
  invitations: PendingInvitationDto[];
  currentOperatorId: string;
  canManage: boolean;
  actions: MemberActions | null;
}) {
  const t = useT();
  return (
    <div className="space-y-4">
      {canManage && actions ? <InviteForm invite={actions.invite} /> : null}
      <Table label={t('Members')}>
        <thead>
          <tr>
            <Th>{t('Member')}</Th>
            <Th>{t('Role')}</Th>
            <Th>{t('Joined')}</Th>
            {canManage ? (
              <Th>
                <span className="sr-only">{t('Actions')}</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <Tr key={m.operatorId}>
              <Td className="max-w-72">
                <span className="block truncate font-medium text-zinc-900">
                  {m.name}
                  {m.operatorId === currentOperatorId ? (
                    <span className="ml-1.5 text-xs font-normal text-zinc-500">{t('(you)')}</span>
                  ) : null}
                </span>
                <span className="block truncate text-xs text-zinc-500">{m.email}</span>
              </Td>
              <Td>
                {canManage && actions ? (
                  <RoleSelect member={m} changeRole={actions.changeRole} />
                ) : (
                  <RoleBadge role={m.role} />
                )}
              </Td>
              <Td className="text-zinc-700">
                <Timestamp iso={m.joinedAt} />
              </Td>
              {canManage && actions ? (
                <Td className="w-px text-right whitespace-nowrap">
                  {m.operatorId === currentOperatorId ? null : (
                    <ConfirmButton
                      label={t('Reset password')}
                      ariaLabel={t('Mail {email} a password reset link', { email: m.email })}
                      variant="ghost"
                      title={t('Mail a password reset link?')}
                      body={richText(
                        t(
                          'A one-time link to choose a new password goes to {email}, valid for 30 minutes. Their password works until they use it; then all their sessions are signed out.',
                        ),
                        { email: <span className="font-medium text-zinc-900">{m.email}</span> },
                      )}
                      confirmLabel={t('Mail the link')}
                      pendingLabel={t('Sending…')}
                      action={() => actions.sendPasswordReset(m.operatorId)}
                      success={(data) => [
                        t('Reset link sent'),
                        t('A one-time link went to {email}.', { email: data.email }),
                      ]}
                      failure={t('Could not send a reset link')}
                    />
                  )}
                  <ConfirmButton
                    label={t('Remove')}
                    ariaLabel={t('Remove {email}', { email: m.email })}
                    title={t('Remove member?')}
                    body={richText(
                      t('{name} ({email}) loses access to this tenant at once. Their changes stay in the audit log.'),
                      { name: <span className="font-medium text-zinc-900">{m.name}</span>, email: m.email },
                    )}
                    confirmLabel={t('Remove member')}
                    pendingLabel={t('Removing…')}
                    action={() => actions.remove(m.operatorId)}
                    success={() => [t('Member removed'), t('{email} no longer has access.', { email: m.email })]}
                    failure={t('Could not remove the member')}
                  />
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
      {invitations.length ? (
        <Table label={t('Pending invitations')}>
          <thead>
            <tr>
              <Th>{t('Invited')}</Th>
              <Th>{t('Role')}</Th>
              <Th>{t('Link expires')}</Th>
              {canManage ? (
                <Th>
                  <span className="sr-only">{t('Actions')}</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <Tr key={i.id}>
                <Td className="max-w-72 truncate text-zinc-900">{i.email}</Td>
                <Td>
                  <RoleBadge role={i.role} />
                </Td>
                <Td className="text-zinc-700">
                  <Timestamp iso={i.expiresAt} />
                </Td>
                {canManage && actions ? (
                  <Td className="w-px text-right">
                    <ConfirmButton
                      label={t('Revoke')}
                      ariaLabel={t('Revoke invitation of {email}', { email: i.email })}
                      title={t('Revoke invitation?')}
                      body={richText(t('The link sent to {email} stops working. You can invite them again later.'), {
                        email: <span className="font-medium text-zinc-900">{i.email}</span>,
                      })}
                      confirmLabel={t('Revoke invitation')}
                      pendingLabel={t('Revoking…')}
                      action={() => actions.revokeInvitation(i.id)}
                      success={() => [
                        t('Invitation revoked'),
                        t('The link for {email} no longer works.', { email: i.email }),
                      ]}
                      failure={t('Could not revoke the invitation')}
                    />
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </div>
  );
}

function RoleSelect({ member, changeRole }: { member: MemberDto; changeRole: MemberActions['changeRole'] }) {
  const [role, setRole] = useState<Role>(member.role);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const dirty = role !== member.role;

  function save() {
    startTransition(async () => {
      const result = await changeRole(member.operatorId, role);
      if (result.ok)
        toast.success(
          t('Role changed'),
          t('{email} is now {role}.', { email: member.email, role: t(roleLabel(result.data.role)) }),
        );
      else {
        setRole(member.role);
        toast.error(t('Could not change the role'), result.error.message);
      }
    });
  }

  return (
    <span className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {t('Role of {email}', { email: member.email })}
      </label>
      <select
        id={id}
        value={role}
        disabled={pending}
        onChange={(e) => setRole(e.target.value as Role)}
        className="h-8 rounded-md border border-zinc-300 bg-white pr-8 pl-2.5 text-sm text-zinc-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(roleLabel(r))}
          </option>
        ))}
      </select>
      {dirty ? (
        <>
          <button
            type="button"
            onClick={save}
            disabled={pending}
            aria-busy={pending}
            className={buttonClasses('primary', 'sm')}
            aria-label={t('Save role of {email}', { email: member.email })}
          >
            {pending ? <Spinner /> : null} {t('Save')}
          </button>
          <button
            type="button"
            onClick={() => setRole(member.role)}
            disabled={pending}
            className={buttonClasses('ghost', 'sm')}
          >
            {t('Cancel')}
          </button>
        </>
      ) : null}
    </span>
  );
}

function InviteForm({ invite }: { invite: MemberActions['invite'] }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('OPERATOR');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ link: string; email: string; role: Role } | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      setError(t('Enter the email address of the person to invite.'));
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await invite(trimmed, role);
      if (result.ok) {
        setCreated({ link: result.data.link, email: result.data.invitation.email, role: result.data.invitation.role });
        setEmail('');
        toast.success(t('Invitation created'), t('Send the link to {email}.', { email: result.data.invitation.email }));
      } else {
        setError(result.error.message);
        toast.error(t('Could not invite'), result.error.message);
      }
    });
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={t('Invite a member')}
        data-testid="invite-member-form"
        className="flex items-start gap-3"
      >
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-email`} className="sr-only">
            {t('Email to invite')}
          </label>
          <input
            id={`${id}-email`}
            type="email"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              setError(null);
            }}
            placeholder={EXAMPLE_EMAIL}
            autoComplete="off"
            maxLength={200}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint`}
            readOnly={pending}
            className={inputClasses}
          />
          {error ? (
            <p id={`${id}-hint`} className="mt-1.5 text-sm text-red-700">
              {error}
            </p>
          ) : (
            <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500">
              {t('{role}: {help}.', { role: t(roleLabel(role)), help: t(roleHelp[role]) })}
            </p>
          )}
        </div>
        <div className="w-36">
          <label htmlFor={`${id}-role`} className="sr-only">
            {t('Role for the new member')}
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            disabled={pending}
            className={inputClasses}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(roleLabel(r))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
          {pending ? <Spinner /> : null}
          {pending ? t('Inviting…') : t('Invite')}
        </button>
      </form>
      {created ? (
        <OneTimeReveal
          title={t('Invitation link for {email}', { email: created.email })}
          value={created.link}
          label={t('Invitation link')}
          testId="invitation-link"
          onDone={() => setCreated(null)}
        >
          {t(
            'Send this link to them yourself; it is shown only now. It works once, within 72 hours, and makes them an {role} here.',
            { role: t(roleLabel(created.role)) },
          )}
        </OneTimeReveal>
      ) : null}
    </div>
  );
}
