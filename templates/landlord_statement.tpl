---
id: landlord_statement
version: 2
date: 2026-11-23
title: Relevé de gérance
---
# Relevé de gérance
### {{period.label}} — référence {{reference}}

: Propriétaire | {{landlord.name}}
{{#if landlord.address}}
: Adresse | {{landlord.address}}
{{/if}}
{{#if mandateNumber}}
: Mandat de gestion | n° {{mandateNumber}}
{{/if}}
: Période | du {{period.from | date}} au {{period.to | date}}

::table Opération | Date | Logement | Crédit> | Débit>
{{#each lines}}
| {{label}} | {{date | date}} | {{unitLabel}} | {{creditCents | euros}} | {{debitCents | euros}} |
{{/each}}
| **Totaux** | | | {{totalCreditCents | euros}} | {{totalDebitCents | euros}} |

: Solde versé au propriétaire | {{netPayoutCents | euros}}
{{#if payoutDate}}
: Date du virement | {{payoutDate | longdate}}
{{/if}}
{{#if maskedIban}}
: Compte crédité | {{maskedIban}}
{{/if}}

Fait à {{issued.place}}, le {{issued.date | longdate}}.
