import { useState } from 'react';

/** Copies text to the clipboard and says so in a live region. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it by hand');
    }
    setTimeout(() => setStatus(''), 2500);
  }
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        Copy {label}
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </>
  );
}
