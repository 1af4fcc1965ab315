import type { ReactNode } from 'react';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly children: ReactNode;
}

/** A label above its control and an optional hint below; the control refers to `${id}-hint`. */
export function Field({ id, label, hint, children }: Props): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The ids a control's aria-describedby should name, skipping the absent ones. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const list = ids.filter((x): x is string => Boolean(x));
  return list.length > 0 ? list.join(' ') : undefined;
}
