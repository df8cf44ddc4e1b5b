import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { type DerNode, derTree, type Field } from '../asn1/der-tree';
import { HexView } from './HexView';

/** A node with its place in the tree, for the flat list of treeitems. */
interface PlacedNode {
  node: DerNode;
  level: number;
  positionInSet: number;
  setSize: number;
}

function place(node: DerNode, level = 1, positionInSet = 1, setSize = 1): PlacedNode[] {
  return [
    { node, level, positionInSet, setSize },
    ...node.children.flatMap((child, index) =>
      place(child, level + 1, index + 1, node.children.length),
    ),
  ];
}

/**
 * The ASN.1 tree of DER bytes beside their hex dump. Selecting a node (click, or arrow keys
 * then Enter or Space) marks its bytes. A single-select ARIA tree, fully expanded.
 *
 * The treeitems are a flat list that states the hierarchy with aria-level, aria-posinset and
 * aria-setsize (CSS indents by level), rather than nesting each subtree inside its parent:
 * a nested item's text would hold all its descendants' text, so its accessible name could
 * not be its own visible line. Here each item is named by its content, exactly what it shows
 * (name, type, value, byte range), as WCAG's "label in name" asks.
 */
export function Asn1View({
  der,
  schema,
  field,
}: {
  der: Uint8Array;
  schema: Field;
  field: string;
}) {
  const parsed = useMemo(() => {
    try {
      return { items: place(derTree(der, schema)) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [der, schema]);
  const [selected, setSelected] = useState<number>();
  const [focused, setFocused] = useState(0);
  const refs = useRef<(HTMLDivElement | null)[]>([]);

  if ('error' in parsed) return <p className="muted">No ASN.1 view: {parsed.error}</p>;
  const { items } = parsed;
  const marked = selected === undefined ? undefined : items[selected]?.node;

  function move(index: number) {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setFocused(next);
    refs.current[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    switch (event.key) {
      case 'ArrowDown':
        move(focused + 1);
        break;
      case 'ArrowUp':
        move(focused - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Enter':
      case ' ':
        setSelected(focused);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div className="asn1">
      <div role="tree" aria-label={`ASN.1 of ${field}`} className="tree">
        {items.map(({ node, level, positionInSet, setSize }, index) => (
          <div
            key={`${node.start}-${node.end}-${level}`}
            ref={(element) => {
              refs.current[index] = element;
            }}
            role="treeitem"
            aria-level={level}
            aria-posinset={positionInSet}
            aria-setsize={setSize}
            aria-selected={selected === index}
            aria-expanded={node.children.length > 0 ? true : undefined}
            tabIndex={index === focused ? 0 : -1}
            className={selected === index ? 'node selected' : 'node'}
            onClick={() => {
              setFocused(index);
              setSelected(index);
            }}
            onKeyDown={onKeyDown}
          >
            <span className="node-name">{node.name}</span>{' '}
            {node.name !== node.type && <span className="node-type">{node.type}</span>}{' '}
            <span className="node-summary">{node.summary}</span>{' '}
            <span className="node-range">
              [{node.start}..{node.end})
            </span>
          </div>
        ))}
      </div>
      <HexView
        bytes={der}
        marked={marked}
        testId={`${field}-hexview`}
        label={`${field} bytes in hex`}
      />
    </div>
  );
}
