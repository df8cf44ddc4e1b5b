import type { ReactNode } from 'react';
import type { HistoryRecord } from '../../kms/history-types';
import { fromUtf8 } from '../../lib/bytes';
import { formatDate, shortId } from '../../lib/format';
import { Breakable } from '../../output/Breakable';

/** What a row's buttons do; each takes the row's record. */
export interface HistoryActions {
  decrypt(record: HistoryRecord): void;
  use(record: HistoryRecord): void;
  downloadPublicKey(record: HistoryRecord): void;
}

/** The columns, in order: each cell repeats its column's name for the narrow-screen cards. */
const COLUMNS = [
  '#',
  'When (app clock)',
  'Operation',
  'Spec',
  'Master key',
  'Context / Aad',
  'Outcome',
  'Actions',
] as const;

function contextText(record: HistoryRecord): string {
  if (record.encryptionContext) return JSON.stringify(record.encryptionContext);
  if (record.aad) return `Aad "${fromUtf8(record.aad)}"`;
  return '—';
}

/**
 * The history as a table on a wide screen, and as one card per row on a narrow one (CSS only:
 * styles.css, .history-table). The explicit ARIA roles are redundant for the table, but keep
 * its semantics where the cards' CSS display would make a browser drop them.
 */
export function HistoryTable({
  history,
  actions,
}: {
  history: readonly HistoryRecord[];
  actions: HistoryActions;
}) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: display:block (the cards) can drop a table's role
    <table className="history-table" role="table">
      <caption>History ({history.length})</caption>
      <thead>
        {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
        <tr role="row">
          {COLUMNS.map((column) => (
            // biome-ignore lint/a11y/noRedundantRoles: see the table
            <th scope="col" role="columnheader" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {history.map((record) => (
          <HistoryRow key={record.id} record={record} actions={actions} />
        ))}
      </tbody>
    </table>
  );
}

function HistoryRow({ record, actions }: { record: HistoryRecord; actions: HistoryActions }) {
  const [id, when, operation, spec, masterKey, context, outcome, actionsLabel] = COLUMNS;
  const failed = record.errorName !== undefined;
  return (
    <tr
      // biome-ignore lint/a11y/noRedundantRoles: see the table
      role="row"
      data-testid="history-row"
      data-history-id={record.id}
      data-outcome={failed ? 'failed' : 'ok'}
    >
      <Cell label={id} testId="history-id">
        {record.id}
      </Cell>
      <Cell label={when} testId="history-when">
        {formatDate(record.at)}
      </Cell>
      <Cell label={operation} testId="history-operation">
        <Breakable text={record.operation} />
      </Cell>
      <Cell label={spec} testId="history-spec">
        <Breakable text={record.keyPairSpec ?? '—'} />
      </Cell>
      <Cell label={masterKey} testId="history-master-key">
        {record.keyId ? (
          <code title={record.keyId}>{shortId(record.keyId.replace(/^.*key\//, ''))}</code>
        ) : (
          '—'
        )}
      </Cell>
      <Cell label={context} testId="history-context" className="code-like">
        {contextText(record)}
      </Cell>
      <Cell label={outcome} testId="history-outcome">
        {failed ? (
          <code className="bad">{record.errorName}</code>
        ) : record.matchedHistoryId !== undefined ? (
          `matches #${record.matchedHistoryId}`
        ) : (
          'ok'
        )}
      </Cell>
      <Cell label={actionsLabel} className="row-actions">
        {/* Short visible words; the accessible names (which contain them) say which entry. */}
        {record.privateKeyCiphertextBlob && !failed && (
          <button
            type="button"
            aria-label={`Decrypt entry #${record.id}`}
            onClick={() => actions.decrypt(record)}
          >
            Decrypt
          </button>
        )}
        {record.publicKey && (
          <>
            <button
              type="button"
              aria-label={`Use entry #${record.id}`}
              onClick={() => actions.use(record)}
            >
              Use
            </button>
            <button
              type="button"
              aria-label={`Download public key #${record.id}`}
              onClick={() => actions.downloadPublicKey(record)}
            >
              Download
            </button>
          </>
        )}
      </Cell>
    </tr>
  );
}

function Cell({
  label,
  testId,
  className,
  children,
}: {
  label: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: see the table
    <td role="cell" data-label={label} data-testid={testId} className={className}>
      {children}
    </td>
  );
}
