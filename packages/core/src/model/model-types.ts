/** The subset of the AWS (Smithy JSON) API model KMS Lab keeps at run time. */
export type Shape =
  | {
      type: 'structure';
      members: Record<string, string>;
      required?: string[];
    }
  | {
      type: 'string';
      min?: number;
      max?: number;
      pattern?: string;
      enum?: string[];
      sensitive?: boolean;
    }
  | { type: 'blob'; min?: number; max?: number; sensitive?: boolean }
  | { type: 'integer' | 'long'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'timestamp' }
  | { type: 'list'; member: string; min?: number; max?: number }
  | { type: 'map'; key: string; value: string; min?: number; max?: number };

export interface OperationShape {
  input?: string | undefined;
  output?: string | undefined;
  errors: string[];
}

export interface ModelIndex {
  targetPrefix: string;
  jsonVersion: string;
  operations: Record<string, OperationShape>;
  shapes: Record<string, Shape>;
  exceptions: Record<string, { fault: 'client' | 'server' }>;
}
