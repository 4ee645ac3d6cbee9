import { redirect } from "next/navigation";

export default async function ProjectHome({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  redirect(`/${project}/traces`);
}
