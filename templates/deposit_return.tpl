---
id: deposit_return
version: 1
date: 2026-12-02
title: Restitution du dépôt de garantie
---
# Restitution du dépôt de garantie
### Loi n° 89-462 du 6 juillet 1989, art. 22

## Les parties
: Le bailleur | {{lessor.name}}
: Adresse | {{lessor.address}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Contrat | {{deposit.contractTitle}}

## Le décompte
: Dépôt de garantie versé | {{deposit.depositCents | euros}}
: Clés rendues le | {{deposit.keysReturnedOn | longdate}}
: Restitution due au plus tard le | {{deposit.deadline | longdate}} ({{deposit.deadlineLabel}})
: Restitué le | {{deposit.returnedOn | longdate}}
{{#if deposit.hasDeductions}}
::table Retenue | Justificatif | Montant>
{{#each deposit.deductions}}
| {{kindLabel}} : {{label}} | {{justification}} | {{amountCents | euros}} |
{{/each}}
| **Total des retenues** | | {{deposit.deductionsCents | euros}} |
{{else}}
Aucune retenue : le dépôt est restitué en totalité.
{{/if}}
{{#if deposit.late}}
La restitution intervient après le délai légal : le dépôt restant dû est majoré de 10 % du loyer mensuel hors charges pour chacune des {{deposit.monthsLate}} période(s) mensuelle(s) commencée(s) en retard, soit {{deposit.latePenaltyCents | euros}}.
{{/if}}
{{#if deposit.noPenaltyNoAddress}}
La restitution intervient après le délai légal faute pour le locataire d'avoir communiqué sa nouvelle adresse : la majoration de l'article 22 n'est pas due.
{{/if}}
: Somme versée au locataire | **{{deposit.refundCents | euros}}**

Fait à {{issued.place}}, le {{issued.date | longdate}}.
::signatures Le bailleur
