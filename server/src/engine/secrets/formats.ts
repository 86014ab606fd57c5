// Provider credential formats beyond the ones in detect.ts, recognised whatever the name. Each
// pattern starts with a fixed prefix and uses bounded repetitions of one class, so it is linear in
// the length of the value it runs on.

export interface SecretFormat {
  re: RegExp;
  kind: string;
}

export const MORE_FORMATS: readonly SecretFormat[] = [
  { re: /\bwhsec_[A-Za-z0-9]{24,64}/, kind: 'a Stripe webhook signing secret' },
  { re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,16}\/B[A-Z0-9]{6,16}\/[A-Za-z0-9]{20,32}/, kind: 'a Slack webhook URL' },
  { re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,80}/, kind: 'a Discord webhook URL' },
  { re: /\bsk-proj-[A-Za-z0-9_-]{40,200}/, kind: 'an OpenAI API key' },
  { re: /\bsk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120}/, kind: 'an Anthropic API key' },
  { re: /\bSK[0-9a-f]{32}\b/, kind: 'a Twilio API key' },
  { re: /\bkey-[0-9a-z]{32}\b/, kind: 'a Mailgun API key' },
  { re: /\b[0-9a-f]{32}-us[0-9]{1,2}\b/, kind: 'a Mailchimp API key' },
  { re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/, kind: 'a Shopify access token' },
  { re: /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}\b/, kind: 'a Square access token' },
  { re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,200}/, kind: 'a PyPI token' },
  { re: /\bdapi[0-9a-f]{32}\b/, kind: 'a Databricks token' },
  { re: /\bhvs\.[A-Za-z0-9_-]{24,200}/, kind: 'a HashiCorp Vault token' },
  { re: /\bAccountKey=[A-Za-z0-9+/]{86}==/, kind: 'an Azure storage account key' },
  { re: /\b(?:https?|ftps?|sftp|ldaps?|smtps?):\/\/[^\s:@/]{1,128}:[^\s@/]{3,256}@[^\s@/]/, kind: 'a URL with a password' },
];
