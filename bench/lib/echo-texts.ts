// What the assistant and the user say in the echo benchmark: five conversations, so that the figures are
// medians over different speech and rooms rather than one recording measured five times. Each reply is
// about ten seconds of espeak-ng speech; each interruption about three, starting 5.5 s in.

export const echoConversations: readonly { far: string; near: string }[] = [
  {
    far:
      'The weather today is mostly sunny with a light breeze from the west. Later this afternoon, clouds ' +
      'will gather over the hills, and there is a small chance of rain in the evening. Tomorrow looks warmer.',
    near: 'Wait, stop, I wanted to ask about the weekend instead.',
  },
  {
    far:
      'Your next meeting is at half past two with the design team, in the large room on the third floor. ' +
      'After that you have a call with the supplier about the delayed parts, which should take an hour.',
    near: 'Hold on, can you move the call to Friday morning?',
  },
  {
    far:
      'To make the sauce, melt the butter over a low heat, then stir in the flour and cook it for two ' +
      'minutes. Add the milk slowly, whisking all the time, until it is smooth and thick enough to coat a spoon.',
    near: 'Sorry, how much milk did you say I need?',
  },
  {
    far:
      'The train to the airport leaves every fifteen minutes from platform four. The journey takes about ' +
      'forty minutes, and tickets can be bought on board, although they cost a little more than at the station.',
    near: 'Is there a quieter route that avoids the city centre?',
  },
  {
    far:
      'Here is a summary of the article. The authors measured how much energy old buildings lose through ' +
      'their windows, and found that simple curtains cut the loss by almost a third during the winter months.',
    near: 'Thanks, that is enough, please send me the link.',
  },
];

/** Where the user starts talking over the assistant, in seconds. */
export const interruptAtSec = 5.5;
