---
id: inspection_report
version: 1
date: 2026-12-02
title: État des lieux
---
# État des lieux {{inspection.kindLabel}}
### Établi contradictoirement — loi n° 89-462 du 6 juillet 1989, art. 3-2 ; décret n° 2016-382

## Les parties
: Le bailleur | {{lessor.name}}
: Adresse | {{lessor.address}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}
: Contrat | {{inspection.contractTitle}}
: Date de l'état des lieux et de la remise des clés | **{{inspection.inspectedOn | longdate}}**
{{#if inspection.tenantNewAddress}}
: Nouvelle adresse du locataire | {{inspection.tenantNewAddress}}
{{/if}}

## Pièces et équipements
{{#each inspection.rooms}}
::table {{name}} | État | Observations
{{#each items}}
| {{name}} | {{conditionLabel}} | {{note}} |
{{/each}}
{{/each}}

## Relevés des compteurs
{{#each inspection.meters}}
: {{label}} | {{reading}}
{{/each}}

## Clés remises
{{#each inspection.keys}}
: {{label}} | {{count}}
{{/each}}

{{#if inspection.isExit}}
## Comparaison avec l'état des lieux d'entrée
{{#if inspection.hasDifferences}}
::table Élément | À l'entrée | À la sortie | Dégradation
{{#each inspection.differences}}
| {{label}} | {{entry}} | {{exit}} | {{worse}} |
{{/each}}
{{#each inspection.missingKeys}}
- Clés non restituées : {{label}} ({{missing}})
{{/each}}
{{else}}
L'état des lieux de sortie est conforme à l'état des lieux d'entrée.
{{/if}}
Le dépôt de garantie est restitué dans un délai de {{inspection.depositDeadline}} (loi 89-462 art. 22). Seules les dégradations constatées ci-dessus par rapport à l'entrée, hors vétusté, peuvent donner lieu à une retenue justifiée.
{{/if}}

Fait à {{issued.place}}, le {{issued.date | longdate}}, en autant d'exemplaires que de parties.
::signatures Le bailleur | Le locataire
