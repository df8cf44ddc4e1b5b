import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { type DerNode, derTree, type Field, flatten } from '../asn1/der-tree';
import { HexView } from './HexView';

function itemLabel(node: DerNode): string {
  return [node.name, node.name === node.type ? '' : node.type, node.summary]
    .filter(Boolean)
    .join(' ');
}

/**
 * The ASN.1 tree of DER bytes beside their hex dump. Selecting a node (click, or arrow keys
 * then Enter or Space) marks its bytes. A single-select ARIA tree, fully expanded.
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
      const root = derTree(der, schema);
      return { root, nodes: flatten(root) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [der, schema]);
  const [selected, setSelected] = useState<number>();
  const [focused, setFocused] = useState(0);
  const refs = useRef<(HTMLDivElement | null)[]>([]);

  if ('error' in parsed) return <p className="muted">No ASN.1 view: {parsed.error}</p>;
  const { root, nodes } = parsed;
  const marked = selected === undefined ? undefined : nodes[selected];

  function move(index: number) {
    const next = Math.max(0, Math.min(nodes.length - 1, index));
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
        move(nodes.length - 1);
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

  function renderNode(node: DerNode, level: number) {
    const index = nodes.indexOf(node);
    return (
      <div
        key={`${node.start}-${node.end}-${level}`}
        ref={(element) => {
          refs.current[index] = element;
        }}
        role="treeitem"
        aria-label={itemLabel(node)}
        aria-level={level}
        aria-selected={selected === index}
        aria-expanded={node.children.length > 0 ? true : undefined}
        tabIndex={index === focused ? 0 : -1}
        onClick={(event) => {
          event.stopPropagation();
          setFocused(index);
          setSelected(index);
        }}
        onKeyDown={onKeyDown}
      >
        <span className={selected === index ? 'node selected' : 'node'}>
          <span className="node-name">{node.name}</span>{' '}
          {node.name !== node.type && <span className="node-type">{node.type}</span>}{' '}
          <span className="node-summary">{node.summary}</span>{' '}
          <span className="node-range">
            [{node.start}..{node.end})
          </span>
        </span>
        {node.children.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: an ARIA tree's subtrees are role group
          <div role="group">{node.children.map((child) => renderNode(child, level + 1))}</div>
        )}
      </div>
    );
  }

  return (
    <div className="asn1">
      <div role="tree" aria-label={`ASN.1 of ${field}`} className="tree">
        {renderNode(root, 1)}
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
