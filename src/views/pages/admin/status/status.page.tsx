import { sectionText } from '../../../../admin/admin-i18n.js';
import { statusMessages } from '../../../../admin/status/status.messages.js';
import type { OutboxMail } from '../../../../notifications/mail.js';
import { useView } from '../../../context.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { Email } from '../../../partials/email.js';
import { Notice } from '../form-fields.js';

export interface StatusView {
  version: string;
  migrationsApplied: number;
  migrationsPending: number;
  databaseBytes: number | undefined;
  jobsLastSucceededAt: Date | undefined;
  cache: { hits: number; misses: number } | undefined;
  mail: { waiting: number; parked: number; oldestWaitingAt: Date | undefined };
  stuck: OutboxMail[];
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function StatusPage({ chrome, status, notice }: { chrome: AdminChrome; status: StatusView; notice?: string | undefined }) {
  const { i18n } = useView();
  const t = sectionText(statusMessages, i18n.lang);
  const lookups = status.cache ? status.cache.hits + status.cache.misses : 0;
  return (
    <AdminLayout title={t('status.title')} chrome={chrome}>
      <h1>{t('status.title')}</h1>
      <Notice text={notice} />
      <dl class="status">
        <dt>{t('status.version')}</dt>
        <dd>{status.version}</dd>
        <dt>{t('status.migrations')}</dt>
        <dd>
          {status.migrationsApplied}
          {status.migrationsPending > 0 ? ` · ${t('status.migrationsPending', { count: status.migrationsPending })}` : ''}
        </dd>
        <dt>{t('status.databaseSize')}</dt>
        <dd>{status.databaseBytes === undefined ? '–' : megabytes(status.databaseBytes)}</dd>
        <dt>{t('status.jobs')}</dt>
        <dd>
          {status.jobsLastSucceededAt ? (
            <time datetime={status.jobsLastSucceededAt.toISOString()}>{i18n.dateTime(status.jobsLastSucceededAt)}</time>
          ) : (
            t('status.jobsNever')
          )}
        </dd>
        <dt>{t('status.cache')}</dt>
        <dd>
          {status.cache && lookups > 0
            ? `${Math.round((100 * status.cache.hits) / lookups)} % (${status.cache.hits} / ${lookups})`
            : t('status.cacheNone')}
        </dd>
        <dt>{t('status.mail')}</dt>
        <dd>
          {t('status.mailWaiting', { waiting: status.mail.waiting, parked: status.mail.parked })}
          {status.mail.oldestWaitingAt ? ` ${t('status.mailOldest', { time: i18n.dateTime(status.mail.oldestWaitingAt) })}` : ''}
        </dd>
      </dl>
      <h2>{t('status.stuckHeading')}</h2>
      {status.stuck.length === 0 ? (
        <p>{t('status.stuckNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('status.to')}</th>
              <th scope="col">{t('status.subject')}</th>
              <th scope="col">{t('status.attempts')}</th>
              <th scope="col">{t('status.error')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('status.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {status.stuck.map((mail) => (
              <tr key={mail.id}>
                <td>
                  <Email address={mail.to} />
                </td>
                <td>{mail.subject}</td>
                <td>{mail.attempts}</td>
                <td>{mail.lastError ?? ''}</td>
                <td>
                  <form method="post" action={`/admin/status/mail/${mail.id}/retry`}>
                    <input type="hidden" name="_csrf" value={chrome.csrf} />
                    <button type="submit">
                      {t('status.retry')}
                      <span class="visually-hidden"> ({mail.subject})</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
