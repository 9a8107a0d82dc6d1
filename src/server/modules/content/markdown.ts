// Markdown of posts and pages turned into the HTML the portal receives: raw HTML off (it shows as
// text), links only http(s), mailto and relative, images only http(s); anything else stays inert.
import MarkdownIt from 'markdown-it';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** http(s), mailto, or no scheme at all (relative, an anchor, `//host`). */
function safeLink(url: string): boolean {
  const scheme = SCHEME.exec(url.trim())?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Images load from the web only: http(s), nothing relative, no data: or other scheme. */
function safeImage(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.validateLink = safeLink;

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  // an image from elsewhere than the web shows its alt text, escaped
  if (!safeImage(token.attrGet('src') ?? '')) return md.utils.escapeHtml(token.content);
  token.attrSet('loading', 'lazy');
  token.attrSet('referrerpolicy', 'no-referrer');
  return defaultImage(tokens, idx, options, env, self);
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (/^(https?:)?\/\//i.test(token.attrGet('href') ?? '')) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return self.renderToken(tokens, idx, options);
};

/** The body of a post or page as safe HTML. */
export function renderMarkdown(body: string): string {
  return md.render(body);
}
