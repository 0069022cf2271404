import { createRequire } from "node:module";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as Language from "@zxcvbn-ts/language-fr";
import { DEMO_PASSWORD } from "../../../db/seed/demo-accounts";

/**
 * The strength estimate of zxcvbn-ts: the leaked-password list (`passwords-common`), French and
 * English words, first names, surnames and Wikipedia terms, keyboard rows (AZERTY included),
 * repetitions, sequences and dates, with its feedback in French. Built once, on first use (the
 * dictionaries take a few seconds to rank, and some 20 MiB: loaded then, not at the server's start).
 */
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory: Factory } = require("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
  const common = require("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
  const english = require("@zxcvbn-ts/language-en") as typeof Language;
  const french = require("@zxcvbn-ts/language-fr") as typeof Language;
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...french.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: french.translations,
  });
  return estimator;
}

/**
 * zxcvbn's score 3 ("safely unguessable: moderate protection from an offline slow-hash
 * scenario", about 10^8 guesses and more) is the least accepted: the hashes are argon2id and
 * online guessing is throttled, and a passphrase of common words easily reaches it.
 */
export const MIN_STRENGTH_SCORE = 3;

/** Words of the product itself, weak in any of its passwords. */
const productWords = ["chezsoi", "chez-soi", "logement", "iml", "intermediation", "bailleur", "demo"];

const folded = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

export type PasswordOwner = { email?: string; fullName?: string };

/**
 * Why a password is too easy to guess, in French, or an empty list. Refused: the published demo
 * password, a password containing the owner's name or the name part of the e-mail, and anything
 * zxcvbn scores under MIN_STRENGTH_SCORE (leaked, common, keyboard patterns, repetitions…).
 * Length is checked before this (auth.rules.ts `passwordPolicyViolations`).
 */
export function weakPasswordReasons(password: string, owner: PasswordOwner = {}): string[] {
  if (password === DEMO_PASSWORD)
    return ["Ce mot de passe est publié dans la documentation de démonstration"];
  const plain = folded(password);
  const nameParts = [
    folded(owner.fullName ?? ""),
    ...(owner.fullName ?? "").split(/[\s'-]+/).map(folded),
    folded(owner.email?.split("@")[0] ?? ""),
  ].filter((part) => part.length >= 4);
  if (nameParts.some((part) => plain.includes(part)))
    return ["Le mot de passe ne doit pas contenir votre nom ni votre adresse électronique"];
  const userInputs = [
    ...productWords,
    ...(owner.fullName ?? "").split(/\s+/),
    ...(owner.email?.split(/[@.]/) ?? []),
  ].filter((word) => word.length >= 3);
  const result = strengthEstimator().check(password, userInputs);
  if (result.score >= MIN_STRENGTH_SCORE) return [];
  const reasons = ["Ce mot de passe est trop facile à deviner"];
  if (result.feedback.warning) reasons.push(result.feedback.warning);
  reasons.push(...result.feedback.suggestions);
  return [reasons.join(". ").replace(/\.\./g, ".")];
}
