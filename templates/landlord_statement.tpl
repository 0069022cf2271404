---
id: landlord_statement
version: 3
date: 2026-12-02
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

{{#if guarantee.shown}}
## Garantie de loyers (pack sécurisation)
: Versé par la garantie pour des loyers impayés, à ce jour | {{guarantee.paidToDateCents | euros}}
: dont ce mois-ci | {{guarantee.paidInMonthCents | euros}}
: Remboursé depuis par le locataire et rendu à la garantie, à ce jour | {{guarantee.recoveredToDateCents | euros}}
: dont ce mois-ci | {{guarantee.recoveredInMonthCents | euros}}
: Reste à recouvrer par la garantie | {{guarantee.outstandingCents | euros}}

::note Les loyers que la garantie vous a versés ne vous sont pas reversés une seconde fois lorsque le locataire les rembourse : ils reviennent à la garantie, subrogée dans vos droits (code civil, art. 1346). Les loyers qui vous restent dus passent en premier (art. 1346-3).
{{/if}}
Fait à {{issued.place}}, le {{issued.date | longdate}}.
