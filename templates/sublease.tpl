---
id: sublease
version: 3
date: 2026-12-02
title: Contrat de location
---
# {{contract.title}}
{{#if contract.kind = direct_lease}}
### Bail d'habitation soumis à la loi n° 89-462 du 6 juillet 1989
{{else}}
{{#if contract.kind = temporary_occupancy}}
### Convention d'occupation temporaire (logement de répit)
{{else}}
### Sous-location par un organisme agréé (CCH L.442-8-1) — loi n° 89-462 du 6 juillet 1989
{{/if}}
{{/if}}

## 1. Les parties
: {{lessor.role}} | {{lessor.name}}
: Adresse | {{lessor.address}}
{{#if mandatary}}
: Représenté par son mandataire | {{mandatary.name}}, {{mandatary.address}}
{{/if}}
: Le locataire | {{tenant.fullName}}
{{#if tenant.birthDate}}
: Né(e) le | {{tenant.birthDate | date}}
{{/if}}
{{#if contract.headLeaseLandlordName}}
Le logement est donné en location au bailleur principal par {{contract.headLeaseLandlordName}}, qui a donné son accord écrit à la sous-location et au montant du loyer.
{{/if}}

## 2. Le logement
: Adresse | {{unit.address}}
{{#if unit.reference}}
: Référence | {{unit.reference}}
{{/if}}
: Type | {{unit.typology}}, {{unit.rooms}} pièce(s) principale(s), étage {{unit.floor}}
: Surface habitable | {{unit.surfaceM2 | m2}}
: Meublé | {{unit.furnished | yesno}}
{{#if unit.energyClass}}
: Classe énergie (DPE) | {{unit.energyClass}}
{{/if}}

## 3. Date de prise d'effet et durée
{{#if contract.fixedTerm}}
Le contrat prend effet le **{{contract.startDate | longdate}}** pour une durée de {{contract.durationMonths | months}}, soit jusqu'au {{contract.endDate | longdate}}.
{{else}}
**Bail sans durée déterminée (bailleur social).** Le contrat prend effet le **{{contract.startDate | longdate}}**, sans terme : le locataire bénéficie du maintien dans les lieux tant qu'il en respecte les obligations ; le bailleur ne peut lui donner congé pour le terme (loi n° 89-462, art. 40 ; CCH L.442-6 et L.353-15).
{{/if}}

## 4. Loyer, charges et modalités de paiement
: Loyer mensuel hors charges | {{contract.rentCents | euros}}
: Provision mensuelle sur charges | {{contract.chargesCents | euros}}
: Total mensuel | {{contract.totalCents | euros}}
{{#if contract.paymentFrequency = fortnightly}}
: Paiement | tous les 15 jours, par moitié
{{else}}
: Paiement | mensuel, d'avance
{{/if}}
{{#if contract.housingBenefitPaidToOperator}}
: Aide au logement (APL) | {{contract.housingBenefitCents | euros}} par mois, versée directement au bailleur et déduite
{{else}}
: Aide au logement (APL) | {{contract.housingBenefitCents | euros}} par mois, versée au locataire
{{/if}}
: Reste à charge mensuel estimé | {{contract.residualRentCents | euros}}
{{#if contract.previousRentCents}}
: Dernier loyer du précédent locataire | {{contract.previousRentCents | euros}}
{{/if}}

## 5. Révision du loyer
{{#if contract.fixedTerm}}
Le loyer est révisé une fois par an, à la date anniversaire du contrat, selon la variation de l'indice de référence des loyers (IRL) ; trimestre de référence : **{{contract.irlReferenceQuarter}}** (loi n° 89-462, art. 17-1). Pas de révision pour un logement de classe énergie F ou G.
{{else}}
Le loyer est révisé chaque année au 1er janvier, dans la limite de la variation de l'indice de référence des loyers (IRL) du deuxième trimestre de l'année précédente (CCH L.442-1 ; L.353-9-2 pour un logement conventionné). Pas de révision pour un logement de classe énergie F ou G.
{{/if}}

## 6. Dépôt de garantie
: Dépôt de garantie | {{contract.depositCents | euros}}
Il est restitué dans un délai d'un mois après la remise des clés (deux mois si l'état des lieux de sortie diffère de l'état des lieux d'entrée), déduction faite des sommes dûment justifiées (loi n° 89-462, art. 22).

{{#if sliding}}
## 7. Clause de glissement du bail
Le présent contrat comporte une clause de glissement : à l'échéance du **{{sliding.targetDate | longdate}}**, et si les conditions ci-dessous sont réunies, le bail glisse au nom du locataire, qui devient locataire en titre du propriétaire (CCH L.442-8-3).
{{#each sliding.conditions}}
- {{this}}
{{/each}}
La situation est examinée lors de revues périodiques entre le propriétaire, le bailleur principal et le locataire, aux dates suivantes :
{{#each sliding.reviewDates}}
- revue n° {{@number}} : {{this | longdate}}
{{/each}}
{{/if}}

## Obligations des parties
- Le locataire use paisiblement du logement, paie le loyer et les charges aux termes convenus, s'assure contre les risques locatifs et répond des dégradations survenues pendant la location.
- Le bailleur délivre un logement décent, en assure la jouissance paisible et entretient les locaux.
- Le locataire peut donner congé à tout moment ; le préavis est d'un mois en zone tendue ou pour un bénéficiaire du RSA ou de l'AAH, de trois mois sinon (loi n° 89-462, art. 15).

Fait à {{issued.place}}, le {{issued.date | longdate}}, en deux exemplaires.
::signatures {{lessor.role}} | Le locataire
