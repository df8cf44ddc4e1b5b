import type { Kms } from '@kms-lab/core';
import type { ReactNode } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import { toBase64 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { RoundTrip, type Verdict, VerdictStatus } from '../shared/RoundTrip';
import { CardSnippets } from './CardSnippets';
import { useKmsCall } from './use-kms-call';

/**
 * The round trips of the KMS key cards, by the AWS name of the value that makes the trip:
 * the request that makes it, the one that takes it back, and the value's field.
 */
const ROUND_TRIPS = {
  Signature: { make: 'Sign', takeBack: 'Verify', label: 'Signature (base64)', rows: 3 },
  Mac: { make: 'GenerateMac', takeBack: 'VerifyMac', label: 'MAC (base64)', rows: 2 },
  CiphertextBlob: { make: 'Encrypt', takeBack: 'Decrypt', label: 'Ciphertext (base64)', rows: 3 },
} as const;

type Trip = keyof typeof ROUND_TRIPS;
type Operation = (typeof ROUND_TRIPS)[Trip]['make' | 'takeBack'];

/** A button names its request, in words where the request's name runs two together. */
const BUTTONS: Partial<Record<Operation, string>> = {
  GenerateMac: 'Generate MAC',
  VerifyMac: 'Verify MAC',
};

/**
 * What a round-trip card remembers for its key (as every card does): the text it sends,
 * the value as base64, what the way back found, and which request the snippets show. The
 * card keeps its other inputs under `memory` too.
 */
export function useRoundTripCard<Found>(keyId: string, trip: Trip, initialText: string) {
  const memory = `kms.${keyId}.${trip}`;
  const [text, setText] = useRemembered(`${memory}.text`, initialText);
  const [value, setValue] = useRemembered(`${memory}.value`, '');
  const [found, setFound] = useRemembered<Found | undefined>(`${memory}.found`, undefined);
  const [shown, setShown] = useRemembered<Operation>(`${memory}.shown`, ROUND_TRIPS[trip].make);
  const call = useKmsCall(`${memory}.failure`);

  /** Runs one of the card's requests: the snippets follow it, and the last finding goes. */
  function run(operation: Operation, work: (kms: Kms) => Promise<void>) {
    setShown(operation);
    setFound(undefined);
    void call.run(work);
  }
  return {
    trip,
    memory,
    text,
    setText,
    value,
    found,
    setFound,
    shown,
    call,
    /** The first request: the bytes it answers become the value. */
    make(work: (kms: Kms) => Promise<Uint8Array>) {
      run(ROUND_TRIPS[trip].make, async (kms) => setValue(toBase64(await work(kms))));
    },
    /** The second request, which sends the value back and records what it found. */
    takeBack(work: (kms: Kms) => Promise<void>) {
      run(ROUND_TRIPS[trip].takeBack, work);
    },
    /** The text as edited: what was found for the old one no longer holds. */
    editText(edited: string) {
      setText(edited);
      setFound(undefined);
    },
    /** The value as edited (a changed signature, say): likewise. */
    editValue(edited: string) {
      setValue(edited);
      setFound(undefined);
    },
  };
}

/** What the working half reads of the card (whatever the card finds). */
type RoundTripCard = Pick<
  ReturnType<typeof useRoundTripCard>,
  'trip' | 'value' | 'editValue' | 'shown' | 'call'
>;

/**
 * A round-trip card's working half: the two buttons, the value, what the way back found
 * (`children`), the failure, and the snippets of the last request with `input`.
 */
export function KmsRoundTrip({
  card,
  make,
  takeBack,
  input,
  children,
}: {
  card: RoundTripCard;
  make: () => void;
  takeBack: () => void;
  input: SnippetInput;
  children: ReactNode;
}) {
  const trip = ROUND_TRIPS[card.trip];
  return (
    <>
      <RoundTrip
        make={{ label: BUTTONS[trip.make] ?? trip.make, onClick: make }}
        takeBack={{ label: BUTTONS[trip.takeBack] ?? trip.takeBack, onClick: takeBack }}
        busy={card.call.busy && 'Waiting for KMS Lab'}
        value={{ label: trip.label, rows: trip.rows, text: card.value, onChange: card.editValue }}
      >
        {children}
      </RoundTrip>
      {card.call.failure && <FailureNotice failure={card.call.failure} />}
      <CardSnippets operation={card.shown} input={input} />
    </>
  );
}

/** Verify's and VerifyMac's verdicts in words: test id, then the valid and invalid texts. */
const VERDICTS = {
  Signature: ['signature-valid', 'Valid signature (SignatureValid: true)', 'Invalid signature'],
  Mac: ['mac-valid', 'Valid MAC (MacValid: true)', 'Invalid MAC'],
} as const;

/** Whether Verify or VerifyMac found the card's signature or MAC valid. */
export function KmsVerdict({
  trip,
  verdict,
}: {
  trip: keyof typeof VERDICTS;
  verdict: Verdict | undefined;
}) {
  const [testId, valid, invalid] = VERDICTS[trip];
  return <VerdictStatus testId={testId} verdict={verdict} valid={valid} invalid={invalid} />;
}

/**
 * Waits for a Verify or VerifyMac request and records its verdict. KMS answers a signature
 * or MAC that does not verify with an exception (`invalidException`), not with false: the
 * verdict is then 'invalid', and the exception still reaches the card's failure notice.
 */
export async function recordVerdict(
  verifying: Promise<unknown>,
  invalidException: string,
  setVerdict: (verdict: Verdict) => void,
): Promise<void> {
  try {
    await verifying;
    setVerdict('valid');
  } catch (error) {
    if ((error as Error).name === invalidException) setVerdict('invalid');
    throw error;
  }
}
