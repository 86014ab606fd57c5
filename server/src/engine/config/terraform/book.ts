// What an edit written into a Terraform file needs to know about the module the file belongs to:
// the Terraform type of each resource address (to write a reference as `aws_x.y.arn`), and the data
// sources that give the account, region and partition (CloudFormation's pseudo parameters).
import type { ParsedDocument } from '../parse.js';

export interface TfBook {
  /** Address prefix of the module instance the file belongs to (`module.a.`), '' for the root. */
  prefix: string;
  /** Addresses (without the prefix) -> Terraform resource type. */
  types: Map<string, string>;
  /** `AWS::AccountId` -> `data.aws_caller_identity.current.account_id`, when the module declares it. */
  pseudo: Map<string, string>;
  /** Addresses -> the literal value of the attribute CloudFormation's Ref returns (`function_name = "x"`). */
  literals: Map<string, string>;
}

const BOOKS = new WeakMap<ParsedDocument, TfBook>();

export function setBook(doc: ParsedDocument, book: TfBook): void {
  BOOKS.set(doc, book);
}

export function bookOf(doc: ParsedDocument): TfBook | undefined {
  return BOOKS.get(doc);
}
