import { redirect } from 'next/navigation';

// /t/<tenant> has no page of its own: Activities is the console's home.
export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  redirect(`/t/${encodeURIComponent(tenant)}/activities`);
}
