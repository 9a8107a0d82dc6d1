// The body of a post or page as the server rendered it from Markdown (raw HTML off, only safe links and images):
// the one place the apps put server HTML into the page.
import { Typography } from '@mantine/core';

export function PostHtml({ html, testId }: { html: string; testId?: string }) {
  return (
    <Typography data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders Markdown with raw HTML off and only http(s), mailto and relative links */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
