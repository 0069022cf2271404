---
id: alerts_digest
version: 1
title: Alertes du jour
---
# Vos alertes du {{day | date}} : {{count}} à traiter

Bonjour {{fullName}},

Voici les échéances et seuils du programme à surveiller ce jour pour {{organisationName}} :

{{#each alerts}}
- **{{label}}** — {{message}}
{{/each}}

Le détail est dans le back-office : {{url}}

::note Message envoyé une fois par jour, seulement les jours où il y a des alertes. Il ne contient que les noms des personnes : aucune donnée de santé.
