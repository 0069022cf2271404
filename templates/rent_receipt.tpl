---
id: rent_receipt
version: 2
date: 2026-12-02
title: Quittance de loyer
---
# Quittance de loyer
### {{period.label}} — référence {{reference}}

{{organisation.name}}, pour le compte de {{lessorName}}, déclare avoir reçu pour le logement situé {{tenant.address}}, loué à **{{tenant.fullName}}**, la somme de **{{totalCents | euros}}** au titre du loyer et des charges de la période du {{period.from | date}} au {{period.to | date}}, réglée comme indiqué ci-dessous, et en donne quittance, sous réserve de tous droits.

::table Détail | Montant>
| Loyer hors charges | {{rentCents | euros}} |
| Provision sur charges | {{chargesCents | euros}} |
| **Total de la période** | {{totalCents | euros}} |
{{#if housingBenefitPaidToOperator}}
| dont aide au logement versée par la CAF (tiers payant) | {{housingBenefitCents | euros}} |
{{/if}}
{{#if rentComplementCents}}
| dont complément de loyer pris en charge par le programme | {{rentComplementCents | euros}} |
{{/if}}
{{#if writtenOffCents}}
| dont impayé passé en perte (non réglé) | {{writtenOffCents | euros}} |
{{/if}}
| dont payé par le locataire | {{tenantPaidCents | euros}} |

: Dernier paiement reçu le | {{paidOn | longdate}}

::note Quittance délivrée gratuitement (loi n° 89-462 du 6 juillet 1989, art. 21). Le paiement de la présente quittance n'emporte pas présomption de paiement des termes antérieurs.
Fait à {{issued.place}}, le {{issued.date | longdate}}.
