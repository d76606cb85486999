/** A CloudFormation resource as it appears in a compiled template. */
export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: unknown;
  Condition?: string;
}

export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
}

/** One IAM policy statement, with Action always a list. */
export interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The [logicalId, resource] pairs of one type, in template order. */
export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** Every statement of every inline policy of a role. */
export function iamStatements(role: Resource): Statement[] {
  const policies = (role.Properties?.['Policies'] ?? []) as {
    PolicyDocument: { Statement: Record<string, unknown>[] };
  }[];
  return policies.flatMap((p) =>
    p.PolicyDocument.Statement.map((s) => ({
      Effect: String(s['Effect']),
      Action: ([] as string[]).concat(s['Action'] as string | string[]),
      Resource: s['Resource'],
      ...(s['Condition'] === undefined ? {} : { Condition: s['Condition'] }),
    })),
  );
}
