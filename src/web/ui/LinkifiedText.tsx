// Plain text with its http(s) URLs turned into ordinary links, line breaks kept.
import { Anchor, Text } from '@mantine/core';

const url = /(https?:\/\/[^\s<>"']+)/g;
// Punctuation that ends a sentence rather than the URL ("see https://x.org/a.").
const trailing = /[.,;:!?)\]}]+$/;

export function LinkifiedText({ children }: { children: string }) {
  const parts = children.split(url);
  return (
    <Text component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} ff="monospace" size="sm">
      {parts.map((part, index) => {
        if (index % 2 === 0) return part;
        const tail = part.match(trailing)?.[0] ?? '';
        const href = part.slice(0, part.length - tail.length);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
          <span key={index}>
            <Anchor href={href}>{href}</Anchor>
            {tail}
          </span>
        );
      })}
    </Text>
  );
}
