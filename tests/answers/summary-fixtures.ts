// Composed multi-outlet reports of one story (not copied from any outlet), for the summary tests.

export const EN_TOLL = "Peru's ombudsman's office said 47 people have died in clashes between protesters and security forces since the unrest began in December.";

export const EN_OUTLETS: string[] = [
  `Peru protests: death toll rises after clashes in Juliaca

LIMA, Jan 10 (Wire) - ${EN_TOLL} Seventeen of them were killed on Monday in the southern city of Juliaca, near Lake Titicaca, where demonstrators tried to storm the airport.

Prime Minister Alberto Otárola told Congress the security forces had acted "within the law" and blamed outside agitators for the violence. Human rights groups disputed that account and called for an independent investigation.

The protests erupted after former President Pedro Castillo was removed from office and arrested on Dec. 7. Demonstrators are demanding early elections, the resignation of President Dina Boluarte and the closure of Congress.

Photo: Reuters`,

  `Deadliest day of Peru unrest leaves 17 dead in Juliaca

At least 17 people were killed in Juliaca on Monday, health officials said, the deadliest single day since protests began a month ago. The ombudsman's office said the overall number of people who have died in clashes with security forces since December now stands at 47.

Hospitals in the Puno region reported more than 60 injured, several of them with gunshot wounds. A police officer was burned to death in his patrol car overnight, the interior ministry said.

Read more: What is behind Peru's political crisis? https://example.com/peru-explainer

Subscribe to our newsletter for daily updates.`,

  `Peru's government declared a three-day curfew in the Puno region on Tuesday after a day of violence in which 17 people died. Ombudsman officials said 47 people have died in clashes with security forces since December.

The curfew runs from 8 p.m. to 4 a.m. and applies to the provinces of Puno, Juliaca and Chucuito, officials said. Regional leaders said a general strike would continue regardless.`,
];

export const ES_TOLL = 'La Defensoría del Pueblo informó que 47 personas han muerto en enfrentamientos entre manifestantes y fuerzas del orden desde que comenzaron las protestas en diciembre.';

export const ES_OUTLETS: string[] = [
  `Protestas en Perú: sube a 47 la cifra de muertos

LIMA. ${ES_TOLL} Diecisiete de ellas fallecieron el lunes en Juliaca, en la región Puno, cuando los manifestantes intentaron tomar el aeropuerto.

El primer ministro Alberto Otárola defendió ante el Congreso la actuación de la policía y atribuyó la violencia a grupos organizados. Organizaciones de derechos humanos pidieron una investigación independiente.

Las protestas comenzaron tras la destitución y detención del expresidente Pedro Castillo el 7 de diciembre.`,

  `El lunes fue la jornada más violenta desde el inicio de las protestas: diecisiete personas murieron en Juliaca, según el Ministerio de Salud. La Defensoría del Pueblo elevó a 47 el número de fallecidos en enfrentamientos con las fuerzas del orden desde diciembre.

Los hospitales de Puno atendieron a más de 60 heridos, varios de ellos por arma de fuego. Un policía murió quemado dentro de su patrullero durante la noche, informó el Ministerio del Interior.

Suscríbete a nuestro boletín para recibir las noticias del día.`,
];
