import { Handle, Position, type NodeProps } from '@xyflow/react';

/** A state with a handle on every side, so edges can leave and arrive where the layout needs. */
export function StateNode({ data }: NodeProps) {
  return (
    <div className="state-node">
      {(['Top', 'Right', 'Bottom', 'Left'] as const).map((side) => (
        <span key={side}>
          <Handle type="source" position={Position[side]} id={`s-${side}`} isConnectable={false} />
          <Handle type="target" position={Position[side]} id={`t-${side}`} isConnectable={false} />
        </span>
      ))}
      {String(data.label)}
    </div>
  );
}
