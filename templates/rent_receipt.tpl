---
id: rent_receipt
version: 1
date: 2026-11-23
title: Quittance de loyer
---
# Quittance de loyer
### {{period.label}} — référence {{reference}}

{{organisation.name}}, pour le compte de {{lessorName}}, déclare avoir reçu de **{{tenant.fullName}}**, pour le logement situé {{tenant.address}}, la somme de **{{totalCents | euros}}** au titre du loyer et des charges de la période du {{period.from | date}} au {{period.to | date}}, et lui en donne quittance, sous réserve de tous droits.

::table Détail | Montant>
| Loyer hors charges | {{rentCents | euros}} |
| Provision sur charges | {{chargesCents | euros}} |
| Total de la période | {{totalCents | euros}} |
| dont aide au logement reçue de la CAF | {{housingBenefitCents | euros}} |
| dont payé par le locataire | {{tenantPaidCents | euros}} |

: Dernier paiement reçu le | {{paidOn | longdate}}

::note Quittance délivrée gratuitement (loi n° 89-462 du 6 juillet 1989, art. 21). Le paiement de la présente quittance n'emporte pas présomption de paiement des termes antérieurs.
Fait à {{issued.place}}, le {{issued.date | longdate}}.
