import { useState, type ReactNode } from 'react';
import { Alert, type AlertMessage } from './Alert';

interface Props {
  readonly codes: readonly string[];
  /** Names the downloaded file: recovery-codes-<portal>.txt. */
  readonly portalSlug: string;
}

/**
 * A set of recovery codes, shown once (the server keeps only keyed hashes): the list, a Copy button and
 * a Download button for a text file. Nothing here stores the codes; they leave with the page.
 */
export function RecoveryCodeList({ codes, portalSlug }: Props): ReactNode {
  const [status, setStatus] = useState<AlertMessage | null>(null);
  const text = `${codes.join('\n')}\n`;
  // A data: address rather than a blob: one: nothing to revoke, and the file is the text itself.
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ title: 'Copied. Paste them somewhere safe.' });
    } catch {
      setStatus({ title: 'Copying is not allowed here.', detail: 'Select the codes and copy them, or download them.' });
    }
  };

  return (
    <div className="recovery-codes">
      <ol className="recovery-code-list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy
        </button>
        <a className="button button-secondary" href={href} download={`recovery-codes-${portalSlug}.txt`}>
          Download
        </a>
      </div>
      <Alert tone="status" message={status} />
    </div>
  );
}
