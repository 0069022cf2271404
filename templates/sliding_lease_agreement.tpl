---
id: sliding_lease_agreement
version: 1
date: 2026-11-23
title: Convention tripartite de bail glissant
---
# Convention tripartite de bail glissant
### Propriétaire — organisme agréé — locataire (CCH L.442-8-3)

## Les parties
: Le propriétaire | {{landlord.name}} ({{landlord.kindLabel}})
: Le bailleur principal | {{organisation.name}}, représenté par {{organisation.representedBy}}
: Le sous-locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}
: Sous-location depuis le | {{sublease.startDate | longdate}}
: Loyer et charges | {{sublease.rentCents | euros}} + {{sublease.chargesCents | euros}} par mois

## Objet
Les parties conviennent que le contrat de sous-location a vocation à glisser au nom du sous-locataire, qui deviendra locataire en titre du propriétaire, au plus tard le **{{sliding.targetDate | longdate}}**, si les conditions suivantes sont réunies :
{{#each sliding.conditions}}
- {{this}}
{{/each}}

## Revues périodiques
La situation est examinée par les trois parties aux dates suivantes ; chaque revue donne lieu à un compte rendu qui conclut favorablement, défavorablement ou au report :
{{#each sliding.reviewDates}}
- revue n° {{@number}} : {{this | longdate}}
{{/each}}

## Engagements
- Le propriétaire s'engage à consentir au sous-locataire un bail direct aux mêmes conditions de loyer lorsque la dernière revue a conclu favorablement.
- L'organisme agréé assure l'accompagnement du sous-locataire vers l'autonomie et l'informe de ses droits.
- Le sous-locataire s'engage à respecter ses obligations de locataire et à participer aux revues.

Fait à {{issued.place}}, le {{issued.date | longdate}}, en trois exemplaires.
::signatures Le propriétaire | L'organisme agréé | Le sous-locataire
