import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { ArrowRightIcon } from './icons';

/** "Back to the start" and "next" links of a cursor-paged table footer. */
export function CursorPager({
  firstHref,
  nextHref,
  firstLabel,
  nextLabel,
}: {
  firstHref: string | null;
  nextHref: string | null;
  firstLabel: string;
  nextLabel: string;
}) {
  return (
    <span className="flex items-center gap-2">
      {firstHref ? (
        <Link href={firstHref} className={buttonClasses('ghost', 'sm')}>
          {firstLabel}
        </Link>
      ) : null}
      {nextHref ? (
        <Link href={nextHref} className={buttonClasses('secondary', 'sm')}>
          {nextLabel} <ArrowRightIcon className="size-3.5" />
        </Link>
      ) : null}
    </span>
  );
}
