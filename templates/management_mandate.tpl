---
id: management_mandate
version: 1
date: 2026-11-23
title: Mandat de gestion locative
---
# Mandat de gestion locative n° {{mandate.number}}
### Loi n° 70-9 du 2 janvier 1970 (loi Hoguet) et décret n° 72-678 du 20 juillet 1972

## Les parties
: Le mandant | {{landlord.name}} ({{landlord.kindLabel}})
{{#if landlord.address}}
: Demeurant | {{landlord.address}}
{{/if}}
: Le mandataire | {{organisation.name}}, représenté par {{organisation.representedBy}}
: Adresse | {{organisation.address}}
{{#if organisation.approval}}
: Agrément | {{organisation.approval}}
{{/if}}

## Le bien
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.rooms}} pièce(s), {{unit.surfaceM2 | m2}}
: Loyer hors charges visé | {{mandate.rentCents | euros}} par mois
: Charges | {{mandate.chargesCents | euros}} par mois

## Durée
Le mandat est consenti pour une durée déterminée de **{{mandate.durationMonths | months}}**, du {{mandate.startDate | longdate}} au {{mandate.endDate | longdate}}. Il est inscrit sous le n° {{mandate.number}} au registre chronologique des mandats du mandataire.

## Étendue du mandat
Le mandant donne pouvoir au mandataire, en son nom et pour son compte, de :
{{#each mandate.scope}}
- {{this}}
{{/each}}

## Rémunération
Le mandataire perçoit des honoraires de gestion de **{{mandate.managementFeeBasisPoints | percent}}** des sommes encaissées (loyers et charges), prélevés lors de chaque reddition de comptes.

## Reddition des comptes
Le mandataire adresse au mandant un relevé de gérance à chaque versement, indiquant les sommes encaissées, les honoraires et les frais déduits.

Fait à {{issued.place}}, le {{issued.date | longdate}}, en deux exemplaires.
::signatures Le mandant | Le mandataire

::pagebreak
# Annexe — Pack sécurisation
### Garanties proposées aux propriétaires bailleurs (mandat n° {{mandate.number}})

## Garantie des loyers impayés
{{#if pack.unpaidRentGuarantee}}
Souscrite. Le mandataire garantit au mandant le paiement des loyers et charges impayés dans la limite de **{{pack.unpaidRentGuarantee.ceilingCents | euros}}** et de **{{pack.unpaidRentGuarantee.months | months}}** d'impayés.
{{else}}
Non souscrite.
{{/if}}

## Aide à la remise en état
{{#if pack.repairAid}}
Souscrite. En fin d'occupation, les frais de remise en état du logement au-delà de l'usure normale sont pris en charge dans la limite de **{{pack.repairAid.ceilingCents | euros}}**.
{{else}}
Non souscrite.
{{/if}}

## Veille sociale
{{#if pack.socialWatch}}
Souscrite. Le mandataire assure un suivi social de l'occupant et intervient en prévention dès le premier incident (impayé, trouble, défaut d'entretien).
{{else}}
Non souscrite.
{{/if}}

::signatures Le mandant | Le mandataire
