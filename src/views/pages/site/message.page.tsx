import type { ComponentChildren } from 'preact';
import { PageLayout } from '../../layouts/page-layout.js';

/** A short page that tells the person what just happened, with a way on. */
export function MessagePage({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <PageLayout meta={{ title, canonical: false }}>
      <h1>{title}</h1>
      {children}
    </PageLayout>
  );
}
