// AWS WAF in front of the clips API: AWS's managed rule groups for common exploits and known bad
// inputs, and a per-address rate limit, so a flood or a scanner is turned away before AppSync
// (and the account's bill) sees it.
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** The AppSync API's ARN. */
  readonly apiArn: string;
  /**
   * Requests one address may make in any 5 minutes before it is blocked.
   * @default 2000
   */
  readonly requestsPerFiveMinutes?: number;
  /** @default 'clips-api' */
  readonly metricPrefix?: string;
}

export class ApiFirewallError extends Error {
  override readonly name = 'ApiFirewallError';
}

const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const limit = props.requestsPerFiveMinutes ?? 2000;
    // WAF's bounds for a rate-based rule.
    if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
      throw new ApiFirewallError(`requestsPerFiveMinutes must be a whole number from 10 to 2000000000, got ${limit}`);
    }
    const prefix = props.metricPrefix ?? 'clips-api';
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${prefix}-${name}`,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('all'),
      rules: [
        { name: 'rate-limit', priority: 0, action: { block: {} }, statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP' } }, visibilityConfig: visibility('rate-limit') },
        ...MANAGED_RULE_GROUPS.map((name, index) => ({
          name,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn: props.apiArn, webAclArn: this.webAcl.attrArn });
  }
}
