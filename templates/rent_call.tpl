---
id: rent_call
version: 2
date: 2026-11-23
title: Avis d'échéance
---
# Avis d'échéance
### {{period.label}} — référence {{reference}}

: Locataire | {{tenant.fullName}}
: Logement | {{tenant.address}}
: Période | du {{period.from | date}} au {{period.to | date}}
: À régler avant le | {{dueDate | longdate}}

::table Désignation | Montant>
| Loyer hors charges | {{rentCents | euros}} |
| Provision sur charges | {{chargesCents | euros}} |
{{#if housingBenefitPaidToOperator}}
| Aide au logement versée par la CAF (à déduire) | −{{housingBenefitCents | euros}} |
{{/if}}
| Solde antérieur | {{previousBalanceCents | euros}} |
| **Total à payer** | {{totalDueCents | euros}} |

## Modalités de paiement
{{paymentInstructions}}

::note Cet avis n'est pas une quittance. La quittance est délivrée gratuitement après paiement intégral de la période (loi n° 89-462, art. 21).
Fait à {{issued.place}}, le {{issued.date | longdate}}.
