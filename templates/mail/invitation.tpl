---
id: invitation
version: 1
title: Invitation au back-office
---
# Votre accès au back-office de {{organisationName}}

Bonjour {{fullName}},

Un compte a été créé pour vous sur le back-office de {{organisationName}}. Pour choisir votre mot de passe et vous connecter, ouvrez ce lien :

{{url}}

Ce lien ne sert qu'une fois et expire le {{expiresOn | date}}. Passé ce délai, demandez-en un nouveau à l'administrateur de votre organisation.

::note Vous recevez ce message parce qu'un administrateur de {{organisationName}} vous a invité. Si vous n'attendiez pas cette invitation, ignorez-le : aucun compte ne sera activé sans votre action.
