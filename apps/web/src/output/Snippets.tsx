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
  headingLevel = 3,
}: {
  snippets: Snippet[];
  heading?: string;
  /** 4 inside a card whose own heading is an h3. */
  headingLevel?: 3 | 4;
}) {
  const headingId = useId();
  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  return (
    <section className="snippets" aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      {snippets.map((snippet) => (
        <figure key={snippet.title} className="snippet">
          <figcaption>
            {snippet.title} <CopyButton text={snippet.code} label={snippet.title} />
          </figcaption>
          {/* The code scrolls sideways inside this box, which the keyboard can reach. A group,
              not a region: a screen shows several cards' "AWS CLI" at once, and landmarks
              must have unique names. */}
          {/* biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, this is code */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be reachable by keyboard */}
          <div role="group" aria-label={snippet.title} tabIndex={0} className="snippet-code">
            <pre data-testid={`snippet-${slug(snippet.title)}`}>
              <code className={`language-${snippet.language}`}>{snippet.code}</code>
            </pre>
          </div>
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
