import { useEffect, useRef, type ReactNode } from 'react';

const TITLE_SUFFIX = 'Customer portal';

interface Props {
  readonly children: ReactNode;
  readonly level?: 1 | 2;
  /** Move keyboard and screen-reader focus here when shown: each new step or page says where you are. */
  readonly focusOnMount?: boolean;
  readonly id?: string;
  readonly className?: string;
}

/** A page or step heading that can take focus (tabIndex -1: focusable by script, not in the tab order). */
export function Heading({ children, level = 1, focusOnMount = true, id, className }: Props): ReactNode {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  // The page's h1 names the browser tab too, so each screen has its own title.
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    if (level === 1 && text) document.title = `${text} · ${TITLE_SUFFIX}`;
  });
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag ref={ref} tabIndex={-1} id={id} className={className ?? 'heading-focus'}>
      {children}
    </Tag>
  );
}
