import { useId } from 'react';
import { CopyButton } from './CopyButton';

export interface Snippet {
  title: string;
  language: 'shell' | 'typescript';
  code: string;
}

/** Equivalent commands and code for the operation just run, with the user's inputs. */
export function Snippets({
  snippets,
  heading = 'Equivalent commands',
}: {
  snippets: Snippet[];
  heading?: string;
}) {
  const headingId = useId();
  return (
    <section className="snippets" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {snippets.map((snippet) => (
        <figure key={snippet.title} className="snippet">
          <figcaption>
            {snippet.title} <CopyButton text={snippet.code} label={snippet.title} />
          </figcaption>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section aria-label={snippet.title} tabIndex={0} className="snippet-code">
            <pre data-testid={`snippet-${slug(snippet.title)}`}>
              <code className={`language-${snippet.language}`}>{snippet.code}</code>
            </pre>
          </section>
        </figure>
      ))}
    </section>
  );
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
