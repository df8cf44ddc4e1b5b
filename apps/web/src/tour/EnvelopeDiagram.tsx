import { useEffect, useId, useState } from 'react';
import { toHex } from '../lib/bytes';
import { partViews, STATE_WORDS, ZONES } from './diagram-parts';
import type { TourFacts } from './facts';
import type { DiagramPart } from './steps';

/** The first 8 bytes of a public key's SHA-256, as people compare fingerprints. */
function useFingerprint(publicKey: Uint8Array | undefined): string | undefined {
  const [fingerprint, setFingerprint] = useState<string>();
  useEffect(() => {
    setFingerprint(undefined);
    if (!publicKey) return;
    let current = true;
    void crypto.subtle.digest('SHA-256', Uint8Array.from(publicKey)).then((digest) => {
      if (current) setFingerprint(toHex(new Uint8Array(digest).subarray(0, 8), ':'));
    });
    return () => {
      current = false;
    };
  }, [publicKey]);
  return fingerprint;
}

/**
 * Envelope encryption as a diagram in HTML: where each part lives (KMS, your application,
 * storage), what to do with it, and the learner's own value once it exists. Every state is
 * said in words (the badge), not by colour alone. `current`: the parts the shown step is
 * about. Props only, so a presenter mode can show it full screen.
 */
export function EnvelopeDiagram({
  facts,
  current,
}: {
  facts: TourFacts;
  current: readonly DiagramPart[];
}) {
  const captionId = useId();
  const views = partViews(facts, useFingerprint(facts.pair?.publicKey));
  return (
    <figure className="envelope" aria-labelledby={captionId}>
      <figcaption id={captionId} className="envelope-caption">
        Envelope encryption, with your values
      </figcaption>
      <p className="envelope-summary">
        The master key stays in KMS and encrypts the private key of a data key pair. The public key
        is shared; the encrypted private key is stored beside your data, and decrypted by KMS only
        when needed.
      </p>
      <div className="envelope-zones">
        {ZONES.map((zone) => (
          <div key={zone.id} className="envelope-zone" data-zone={zone.id}>
            <p className="zone-title">{zone.title}</p>
            <ul className="zone-parts">
              {views
                .filter((view) => zone.parts.includes(view.part))
                .map((view) => {
                  const isCurrent = current.includes(view.part);
                  return (
                    <li
                      key={view.part}
                      className="envelope-part"
                      data-testid="tour-part"
                      data-part={view.part}
                      data-state={view.state}
                      data-current={isCurrent}
                    >
                      <span className="part-head">
                        <strong>{view.title}</strong>{' '}
                        <span className="part-state">
                          {STATE_WORDS[view.state]}
                          {isCurrent ? ' · this step' : ''}
                        </span>
                      </span>
                      <span className="part-role">{view.role}</span>
                      <span className="part-value" data-testid={`tour-value-${view.part}`}>
                        {view.value}
                      </span>
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
      </div>
    </figure>
  );
}
