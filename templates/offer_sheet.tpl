---
id: offer_sheet
version: 1
date: 2026-11-23
title: Fiche de proposition de logements
---
# Proposition de logements
### Pour {{person.fullName}} — panel du {{panel.createdOn | longdate}}

{{#if panel.firstOfferDeadline}}
: Première proposition à faire avant le | {{panel.firstOfferDeadline | longdate}}
{{/if}}
: Ressources mensuelles prises en compte | {{person.resourcesCents | euros}}
{{#if panel.fewerThanMinimumReason}}
: Moins de logements que le minimum, motif | {{panel.fewerThanMinimumReason}}
{{/if}}

## Les logements proposés
::table Logement | Loyer> | Charges> | APL> | Reste à charge> | Taux d'effort>
{{#each offers}}
| {{@number}}. {{reference}} — {{typology}}, {{surfaceM2 | m2}} | {{rentCents | euros}} | {{chargesCents | euros}} | {{housingBenefitCents | euros}} | {{residualRentCents | euros}} | {{effortRateBasisPoints | percent}} |
{{/each}}

{{#each offers}}
## Logement {{@number}} — {{reference}}
: Adresse | {{address}}
{{#if neighbourhood}}
: Quartier | {{neighbourhood}}
{{/if}}
: Type et surface | {{typology}}, {{surfaceM2 | m2}}
: Étage | {{floor}}
: Ascenseur | {{hasElevator | yesno}}
: Meublé | {{furnished | yesno}}
{{#if energyClass}}
: Classe énergie (DPE) | {{energyClass}}
{{/if}}
: Loyer + charges | {{rentCents | euros}} + {{chargesCents | euros}}
: Aide au logement estimée | {{housingBenefitCents | euros}}
: Reste à charge | {{residualRentCents | euros}} (taux d'effort {{effortRateBasisPoints | percent}})
{{/each}}

::note Le reste à charge (loyer + charges − aide au logement) ne doit pas dépasser 30 % des ressources ; au-delà, le programme verse un complément de loyer (cahier des charges §8.11). Le choix du logement appartient à la personne.
Fait à {{issued.place}}, le {{issued.date | longdate}}.
