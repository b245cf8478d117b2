// The Changes section's icon: two versions and the step between them.
import type { IconProps } from '@/components/console/icons';

export function ChangesIcon({ className = 'size-4', ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
      className={className}
      {...rest}
    >
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="18" r="2.5" />
      <path d="M6 8.5V15a3 3 0 0 0 3 3h6.5M13 15l2.5 3-2.5 3" />
    </svg>
  );
}
