import type { Metadata } from 'next';
import { NotFoundContent, notFoundTitle } from '@/components/console/not-found-content';

export async function generateMetadata(): Promise<Metadata> {
  return { title: await notFoundTitle() };
}

export default function NotFound() {
  return <NotFoundContent />;
}
