---
id: glissement_amendment
version: 3
date: 2026-12-02
title: Avenant de glissement du bail
---
# Avenant de glissement du bail
### Fin de la sous-location et bail direct au nom du locataire (CCH L.442-8-3)

## Les parties
: Le propriétaire | {{landlord.name}} ({{landlord.kindLabel}})
: L'organisme agréé | {{organisation.name}}, représenté par {{organisation.representedBy}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}

## Constat
La revue du {{lastReview.date | longdate}} a conclu : **{{lastReview.outcomeLabel}}**.
{{#if lastReview.notes}}
{{lastReview.notes}}
{{/if}}

## Glissement
La sous-location commencée le {{sublease.startDate | longdate}} prend fin le {{sublease.endDate | longdate}}. À compter du **{{directLease.startDate | longdate}}**, le propriétaire consent au locataire un bail direct :
{{#if directLease.fixedTerm}}
: Durée | {{directLease.durationMonths | months}}, jusqu'au {{directLease.endDate | longdate}}
{{else}}
: Durée | Bail sans durée déterminée (bailleur social), loyer révisé au 1er janvier (loi n° 89-462, art. 40 ; CCH L.442-1, L.442-6)
{{/if}}
: Loyer mensuel hors charges | {{directLease.rentCents | euros}}
: Provision mensuelle sur charges | {{directLease.chargesCents | euros}}
: Dépôt de garantie | {{directLease.depositCents | euros}}
## Dépôt de garantie
Le dépôt de garantie versé pour la sous-location, soit {{depositHandover.heldCents | euros}}, est {{depositHandover.label}} (loi 89-462 art. 22). Le dépôt du bail direct est de {{directLease.depositCents | euros}}.

Le locataire reste accompagné par l'organisme dans le cadre du programme.

Fait à {{issued.place}}, le {{issued.date | longdate}}, en trois exemplaires.
::signatures Le propriétaire | L'organisme agréé | Le locataire
