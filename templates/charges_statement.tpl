---
id: charges_statement
version: 1
date: 2026-12-02
title: Décompte de régularisation des charges
---
# Décompte de régularisation des charges
### {{period.label}}

: Locataire | {{tenant.fullName}}
: Logement | {{tenant.address}}
: Bailleur | {{lessorName}}
: Période des charges | du {{period.from | date}} au {{period.to | date}}
{{#if prorated}}
: Votre occupation | du {{occupied.from | date}} au {{occupied.to | date}} ({{occupied.days | number}} jours sur {{occupied.periodDays | number}})
{{/if}}

## Mode de répartition
{{splitRule}} Votre logement : {{unitSurfaceM2 | m2}} sur {{totalSurfaceM2 | m2}}. Les charges propres à votre logement (compteur individuel, taxe) vous sont imputées en totalité.
{{#if prorated}}
Votre part est calculée au prorata des jours d'occupation sur la période.
{{/if}}

## Décompte par nature de charges
::table Nature de charges (décret n° 87-713) | Total> | Répartition | Votre part>
{{#each lines}}
| {{label}} | {{totalCents | euros}} | {{basisLabel}} | {{shareCents | euros}} |
{{/each}}
| **Charges réelles à votre charge** | | | **{{actualCents | euros}}** |
| Provisions appelées sur la période | | | {{provisionsCents | euros}} |

{{#if outcome = tenant_owes}}
{{#if timeBarred}}
: Solde | {{amountCents | euros}} en faveur du bailleur
**Ce solde est prescrit (loi n° 89-462, art. 7-1) : il ne vous est pas réclamé.**
{{else}}
: Solde à votre charge | **{{amountCents | euros}}**
Ce solde vous sera réclamé au plus tôt le {{claimableFrom | date}}, un mois après l'envoi du présent décompte.
{{#if instalmentsOffered}}
La régularisation intervenant après la fin de l'année civile suivant celle des charges, vous pouvez demander à la payer en douze mensualités (loi n° 89-462, art. 23).
{{/if}}
{{/if}}
{{/if}}
{{#if outcome = tenant_is_owed}}
: Solde en votre faveur | **{{amountCents | euros}}**
Cette somme vous sera remboursée ou déduite de votre prochaine échéance.
{{/if}}
{{#if outcome = balanced}}
: Solde | aucun : les provisions couvrent exactement les charges réelles
{{/if}}

## Provision pour la période suivante
: Provision mensuelle actuelle | {{currentProvisionCents | euros}}
: Provision mensuelle proposée | {{proposedProvisionCents | euros}} (charges réelles du logement ramenées au mois)

::note Les pièces justificatives (factures, contrats de fourniture, relevés) sont tenues à votre disposition jusqu'au {{documentsAvailableUntil | date}}, six mois à compter de l'envoi de ce décompte (loi n° 89-462 du 6 juillet 1989, art. 23). Seules les charges de la liste du décret n° 87-713 du 26 août 1987 sont récupérables.
Fait à {{issued.place}}, le {{issued.date | longdate}}.
