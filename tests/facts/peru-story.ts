// A small hand-written gazetteer for the Peru story, so the facts tests do not depend on config/stories.
import type { Story } from '../../src/facts/types.ts';

export const PERU: Story = {
  id: 'peru-test',
  name: 'Peru political crisis (test gazetteer)',
  start: '2022-12-07',
  keywords: ['Peru', 'Perú', 'Boluarte', 'Castillo'],
  officialSources: ['Ombudsman', 'Defensoría del Pueblo', 'Health Ministry', 'Ministerio de Salud'],
  regions: [
    { name: 'Puno', aliases: [], places: ['Juliaca', 'Juli', 'Ilave', 'Llave', 'Desaguadero', 'Azángaro'] },
    { name: 'Ayacucho', aliases: [], places: ['Huamanga', 'Huanta'] },
    { name: 'Apurímac', aliases: ['Apurimac'], places: ['Abancay', 'Andahuaylas', 'Chincheros'] },
    { name: 'Cusco', aliases: ['Cuzco'], places: ['Sicuani', 'Espinar'] },
    { name: 'Junín', aliases: ['Junin'], places: ['Huancayo', 'Pichanaki'] },
    { name: 'La Libertad', aliases: [], places: ['Trujillo', 'Virú', 'Viru'] },
    { name: 'Arequipa', aliases: [], places: ['Camaná', 'La Joya'] },
    { name: 'Lima', aliases: [], places: ['San Marcos University', 'Lima city'] },
    { name: 'Huancavelica', aliases: [], places: [] },
    { name: 'Ucayali', aliases: [], places: ['Pucallpa'] },
    { name: 'Ica', aliases: [], places: [] },
  ],
};
