---
id: landlord_statement
version: 1
title: Relevé de gérance mensuel
---
# Votre relevé de gérance — {{monthLabel}}

Bonjour {{displayName}},

Vous trouverez ci-joint le relevé de gérance de {{organisationName}} pour {{monthLabel}}.

: Montant net qui vous revient | {{netCents | euros}}

Le relevé détaille les loyers encaissés, les honoraires et les sommes reversées. Il est aussi disponible dans votre espace propriétaire.

::note Vous recevez ce message parce que vous avez accepté de recevoir vos relevés par courriel. Vous pouvez le refuser à tout moment auprès de {{organisationName}}.
